/**
 * What the runtime supplies to Balances. Values default to Kusama's (reference/kusama-runtime.md
 * §0, §6); a runtime calls `configureBalances` once at composition.
 */

/** Kusama's CENTS (UNITS / 30 / 100): the existential deposit. */
export const CENTS = 333_333_333n;

export interface BalancesConfig {
  /** The least free balance an account may hold and exist; anything less is dust and burned. */
  existentialDeposit: bigint;
  maxLocks: number;
  maxReserves: number;
  maxFreezes: number;
  /** Hold reasons an account may use at once (FRAME bounds it by the number of reasons). */
  maxHolds: number;
}

const DEFAULTS: BalancesConfig = {
  existentialDeposit: CENTS,
  maxLocks: 50,
  maxReserves: 50,
  maxFreezes: 8,
  maxHolds: 4,
};

let config: BalancesConfig = { ...DEFAULTS };

export function configureBalances(next: Partial<BalancesConfig>): void {
  config = { ...config, ...next };
}

/** Back to Kusama's values (tests that change the configuration restore it). */
export function resetBalancesConfig(): void {
  config = { ...DEFAULTS };
}

export function balancesConfig(): BalancesConfig {
  return config;
}

export const existentialDeposit = (): bigint => config.existentialDeposit;
