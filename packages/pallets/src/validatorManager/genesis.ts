/** ValidatorManager has no genesis of its own: the first validators are Session's. */
export type ValidatorManagerGenesis = Record<string, never>;
