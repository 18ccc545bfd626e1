/** Staking's calls for Root (Kusama's `AdminOrigin` is Root or the StakingAdmin track), with pallet-staking's indices. */
import { arithmetic, call, ensureRoot } from "@canary/frame";
import { AccountId32, compactU32, u32, u128, Vec } from "@canary/primitives";
import { mulFloor } from "./arithmetic.ts";
import type { StakingSelf } from "./config.ts";
import type { RoleFns } from "./roles.ts";
import { ConfigOp, Perbill, Percent } from "./types.ts";
import { weights } from "./weights.ts";

type Force = "NotForcing" | "ForceNew" | "ForceNone" | "ForceAlways";

export function rootCalls(self: StakingSelf, roles: RoleFns, setForceEra: (mode: Force) => void) {
  const { storage, config } = self;

  const setCount = (count: number): void => {
    if (count > config.maxWinners) throw self.fail("TooManyValidators");
    storage.ValidatorCount.set(count);
  };

  /** Applies one `ConfigOp` to a storage value. */
  function apply<T>(op: ConfigOp<T>, item: { set(v: T): void; kill(): void }): void {
    if (op.tag === "Set") item.set(op.value);
    else if (op.tag === "Remove") item.kill();
  }

  const force = (index: number, mode: Force, doc: string) =>
    call({
      index,
      args: {},
      weight: weights.root(),
      docs: [doc],
      dispatch: (origin) => {
        ensureRoot(origin);
        setForceEra(mode);
      },
    });

  return {
    set_validator_count: call({
      index: 9,
      args: { new: compactU32 },
      weight: weights.root(),
      docs: ["Sets the ideal number of validators."],
      dispatch: (origin, a) => {
        ensureRoot(origin);
        setCount(a.new);
      },
    }),
    increase_validator_count: call({
      index: 10,
      args: { additional: compactU32 },
      weight: weights.root(),
      docs: [
        "Increments the ideal number of validators up to maximum of `ElectionProviderBase::MaxWinners`.",
      ],
      dispatch: (origin, { additional }) => {
        ensureRoot(origin);
        const next = storage.ValidatorCount.get() + additional;
        if (next > 0xffff_ffff) throw arithmetic("Overflow");
        setCount(next);
      },
    }),
    scale_validator_count: call({
      index: 11,
      args: { factor: Percent },
      weight: weights.root(),
      docs: [
        "Scale up the ideal number of validators by a factor up to maximum of `ElectionProviderBase::MaxWinners`.",
      ],
      dispatch: (origin, { factor }) => {
        ensureRoot(origin);
        const old = storage.ValidatorCount.get();
        setCount(old + Number(mulFloor(BigInt(factor), BigInt(old), 100n)));
      },
    }),
    force_no_eras: force(12, "ForceNone", "Force there to be no new eras indefinitely."),
    force_new_era: force(13, "ForceNew", "Force there to be a new era at the end of the next session."),
    set_invulnerables: call({
      index: 14,
      args: { invulnerables: Vec(AccountId32) },
      weight: (a) => weights.setInvulnerables(a.invulnerables.length),
      docs: ["Set the validators who cannot be slashed (if any)."],
      dispatch: (origin, { invulnerables }) => {
        ensureRoot(origin);
        storage.Invulnerables.set(invulnerables);
      },
    }),
    force_unstake: call({
      index: 15,
      args: { stash: AccountId32, num_slashing_spans: u32 },
      weight: (a) => weights.forceUnstake(a.num_slashing_spans),
      docs: ["Force a current staker to become completely unstaked, immediately."],
      dispatch: (origin, { stash, num_slashing_spans }) => {
        ensureRoot(origin);
        if (!storage.Bonded.contains(stash)) throw self.fail("NotStash");
        roles.killStash(stash, num_slashing_spans);
      },
    }),
    force_new_era_always: force(
      16,
      "ForceAlways",
      "Force there to be a new era at the end of sessions indefinitely.",
    ),
    cancel_deferred_slash: call({
      index: 17,
      args: { era: u32, slash_indices: Vec(u32) },
      weight: (a) => weights.cancelDeferredSlash(a.slash_indices.length),
      docs: ["Cancel enactment of a deferred slash."],
      dispatch: (origin, { era, slash_indices }) => {
        ensureRoot(origin);
        if (slash_indices.length === 0) throw self.fail("EmptyTargets");
        if (slash_indices.some((v, i) => i > 0 && v <= slash_indices[i - 1]!))
          throw self.fail("NotSortedAndUnique");
        const pending = storage.UnappliedSlashes.get(era);
        if (slash_indices[slash_indices.length - 1]! >= pending.length) throw self.fail("InvalidSlashIndex");
        storage.UnappliedSlashes.set(
          era,
          pending.filter((_, i) => !slash_indices.includes(i)),
        );
      },
    }),
    set_staking_configs: call({
      index: 22,
      args: {
        min_nominator_bond: ConfigOp(u128),
        min_validator_bond: ConfigOp(u128),
        max_nominator_count: ConfigOp(u32),
        max_validator_count: ConfigOp(u32),
        chill_threshold: ConfigOp(Percent),
        min_commission: ConfigOp(Perbill),
        max_staked_rewards: ConfigOp(Percent),
      },
      weight: weights.setStakingConfigs(),
      docs: ["Update the various staking configurations."],
      dispatch: (origin, a) => {
        ensureRoot(origin);
        apply(a.min_nominator_bond, storage.MinNominatorBond);
        apply(a.min_validator_bond, storage.MinValidatorBond);
        apply(a.max_nominator_count, storage.MaxNominatorsCount);
        apply(a.max_validator_count, storage.MaxValidatorsCount);
        apply(a.chill_threshold, storage.ChillThreshold);
        apply(a.min_commission, storage.MinCommission);
        apply(a.max_staked_rewards, storage.MaxStakedRewards);
      },
    }),
    set_min_commission: call({
      index: 25,
      args: { new: Perbill },
      weight: weights.root(),
      docs: ["Sets the minimum amount of commission that each validators must maintain."],
      dispatch: (origin, a) => {
        ensureRoot(origin);
        storage.MinCommission.set(a.new);
      },
    }),
  };
}
