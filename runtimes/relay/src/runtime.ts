/**
 * The relay runtime's composition (`construct_runtime!`): the pallets with Kusama's indices and
 * their configuration, the signed extensions in Kusama's order, where fees go, and the executive
 * that drives them. Each call of `composeRelay` makes a runtime of its own.
 */
import {
  blockLimits,
  checkMetadataHash,
  Executive,
  host,
  palletAccount,
  type Runtime,
  RuntimeBuilder,
  type RuntimeVersion,
  SYSTEM_EXTENSIONS,
  type TransactionExtensions,
  transactionExtensions,
} from "@canary/frame";
import {
  Authorship,
  type AuthorshipInstance,
  Babe,
  Balances,
  balancesDefaults,
  Claims,
  dealWithFees,
  type EquivocationReporting,
  eraPayout,
  Grandpa,
  Historical,
  KUSAMA_CLAIMS_PREFIX,
  KUSAMA_EPOCH_CONFIG,
  Launch,
  Offences,
  Session,
  type SessionInstance,
  Staking,
  Sudo,
  System,
  stakingDefaults,
  systemDefaults,
  Timestamp,
  TransactionPayment,
  transactionPaymentDefaults,
  Utility,
  utilityDefaults,
  ValidatorManager,
  type ValidatorManagerInstance,
  Vesting,
  type VestingInstance,
  vestingDefaults,
} from "@canary/pallets";
import {
  EPOCH_DURATION_IN_SLOTS,
  MAX_SET_ID_SESSION_ENTRIES,
  MILLISECS_PER_BLOCK,
  REPORT_LONGEVITY,
  SS58_PREFIX,
} from "./constants.ts";
import { babeAuthorIndex } from "./findAuthor.ts";
import { builtMetadataHash } from "./metadataHash.ts";
import { SESSION_KEY_TYPES } from "./sessionKeys.ts";

/** The treasury's account (Kusama's `TreasuryPalletId`, "py/trsry"): 80% of every fee. */
export const TREASURY_ACCOUNT = palletAccount("py/trsry");

/**
 * What a restricted (launching) chain lets everyone call, as Kusama's 2019 filter: staking,
 * session keys, claims, vesting and sudo, plus the inherents and unsigned reports the chain runs on
 * and Utility's batches (whose calls are filtered one by one).
 */
const LAUNCH_PALLETS = new Set([
  "Staking",
  "Session",
  "Claims",
  "Vesting",
  "Sudo",
  "Timestamp",
  "Babe",
  "Grandpa",
  "Utility",
]);

/**
 * Pallets are added in Kusama's `construct_runtime!` order, which is their hooks' order: BABE notes
 * the slot before Session asks it whether the epoch (and session) ends, and Authorship finds the
 * author before Session rotates the validators.
 */
function compose(version: () => RuntimeVersion, options: ComposeOptions) {
  const limits = blockLimits();
  const b = new RuntimeBuilder("canary_relay_runtime");
  const system = b.add(0, System, { ...systemDefaults(version), ss58Prefix: SS58_PREFIX, limits });
  // Equivocation reports turn into offences through Historical's key ownership proofs.
  let reporting: EquivocationReporting | undefined;
  const babe = b.add(1, Babe, {
    system,
    equivocation: () => reporting,
    epochDuration: EPOCH_DURATION_IN_SLOTS,
    expectedBlockTime: MILLISECS_PER_BLOCK,
    genesisEpochConfig: KUSAMA_EPOCH_CONFIG,
    vrfRandomness: (authority, { slot, epoch, randomness }, preOutput) =>
      host().babeVrfRandomness(authority, slot, epoch, randomness, preOutput),
  });
  // FRAME's MinimumPeriod = SLOT_DURATION / 2 and BABE's slot check on every timestamp; the slot
  // length is the chain's (Babe genesis), Kusama's 6 s by default.
  const timestamp = b.add(2, Timestamp, {
    minimumPeriod: MILLISECS_PER_BLOCK / 2n,
    currentMinimumPeriod: () => babe.api.slotDuration() / 2n,
    onTimestampSet: (now) => babe.api.onTimestampSet(now),
  });
  const balances = b.add(4, Balances, balancesDefaults(system));
  // Authorship and Session come after pallets whose configuration refers to them (Kusama's order).
  let authorship: AuthorshipInstance | undefined;
  let session: SessionInstance | undefined;
  let validatorManager: ValidatorManagerInstance | undefined;
  // Kusama's DealWithFees: 80% to the treasury, 20% and tips to the block author.
  const onChargedFee = dealWithFees({
    currency: balances,
    treasury: TREASURY_ACCOUNT,
    treasuryPercent: 80n,
    author: () => authorship?.api.author(),
  });
  const transactionPayment = b.add(33, TransactionPayment, {
    ...transactionPaymentDefaults(system, balances, limits),
    onChargedFee,
  });
  // Kusama's FindAuthor: BABE's authority index, as the session's validator at that index.
  authorship = b.add(5, Authorship, {
    system,
    findAuthor: (digest) => {
      const index = babeAuthorIndex(digest);
      return index === undefined ? undefined : session?.api.validatorAt(index);
    },
    noteAuthor: (author) => staking.api.noteAuthor(author),
  });
  // Kusama's staking: eras of 6 sessions, rewards' remainder and slashes to the treasury.
  const staking = b.add(6, Staking, {
    ...stakingDefaults(system, balances),
    session: () => session!.api,
    now: () => timestamp.storage.Now.get(),
    eraPayout: (staked, issuance, eraMs) => eraPayout(staked, issuance, eraMs),
    rewardRemainder: (amount) => balances.api.deposit(TREASURY_ACCOUNT, amount),
    slashed: (amount) => balances.api.deposit(TREASURY_ACCOUNT, amount),
  });
  // Offences become staking's slashes.
  const offences = b.add(7, Offences, { onOffence: (...args) => staking.api.onOffence(...args) });
  const historical = b.add(34, Historical, { session: () => session! });
  reporting = {
    checkProof: historical.api.checkProof,
    reportOffence: offences.api.reportOffence,
    isKnownOffence: offences.api.isKnown,
    longevity: REPORT_LONGEVITY,
  };
  session = b.add(8, Session, {
    system,
    keyTypes: SESSION_KEY_TYPES,
    shouldEndSession: (block) => babe.api.shouldEpochChange(block),
    // Staking elects each era's set; while the chain is proof-of-authority Root may also edit
    // the set through ValidatorManager, whose edits win for the session they take effect in.
    sessionManager: historical.api.noteHistoricalRoot({
      ...staking.api.sessionManager,
      newSession: (index) => {
        const elected = staking.api.sessionManager.newSession(index);
        return validatorManager?.api.sessionManager.newSession(index) ?? elected;
      },
    }),
    handlers: () => [babe.api.sessionHandler, grandpa.api.sessionHandler],
  });
  const grandpa = b.add(10, Grandpa, {
    system,
    currentSession: () => session?.api.currentIndex() ?? 0,
    maxSetIdSessionEntries: MAX_SET_ID_SESSION_ENTRIES,
    equivocation: () => reporting,
  });
  // Claims gives vested claims their schedules in Vesting, which comes later in Kusama's order
  // (Claims 19, Utility 24, Vesting 28): a getter, read only when a claim is paid.
  let vesting: VestingInstance | undefined;
  const claims = b.add(19, Claims, {
    currency: balances,
    prefix: KUSAMA_CLAIMS_PREFIX,
    get vesting() {
      return vesting!;
    },
  });
  const utility = b.add(24, Utility, utilityDefaults(system));
  vesting = b.add(28, Vesting, vestingDefaults(system, balances));
  // Root's way to change the proof-of-authority set (Rococo's index); staking replaces it.
  validatorManager = b.add(252, ValidatorManager, { validators: () => session?.api.validators() ?? [] });
  // Kusama's launch restriction: until Root lifts it, no transfers (and nothing but these).
  const launch = b.add(251, Launch, { allowed: (call) => LAUNCH_PALLETS.has(call.tag) });
  // Sudo sits at 255 while the chain is PoA; a release without it removes it (Kusama's spec 1026).
  const sudo = options.withoutSudo ? undefined : b.add(255, Sudo, {});
  const runtime = b.build({
    depositEvent: (event) => system.api.depositEvent(event),
    callFilter: (origin, call) => launch.api.filter(origin, call),
  });
  const pallets = {
    system,
    babe,
    timestamp,
    balances,
    transactionPayment,
    authorship,
    staking,
    offences,
    historical,
    session,
    grandpa,
    claims,
    utility,
    vesting,
    validatorManager,
    launch,
    sudo,
  };
  return { runtime, limits, pallets };
}

export type RelayPallets = ReturnType<typeof compose>["pallets"];

export interface Relay {
  runtime: Runtime;
  executive: Executive;
  pallets: RelayPallets;
  extensions: TransactionExtensions;
}

export interface ComposeOptions {
  /**
   * The RFC-0078 metadata hash `CheckMetadataHash` accepts in mode 1 (default: the one baked into
   * the bundle, none when run from sources).
   */
  readonly metadataHash?: Uint8Array;
  /** A release without Sudo: the upgrade by which sudo removes itself once the chain is launched. */
  readonly withoutSudo?: boolean;
}

/** Composes the relay runtime; `version` is read when needed (it lists the APIs, built afterwards). */
export function composeRelay(version: () => RuntimeVersion, options: ComposeOptions = {}): Relay {
  const { runtime, limits, pallets } = compose(version, options);
  // Kusama's order, with Polkadot's PrevalidateAttests (Claims' free `attest`) before CheckMetadataHash.
  const extensions = transactionExtensions([
    ...SYSTEM_EXTENSIONS,
    pallets.transactionPayment.api.extension,
    pallets.claims.api.prevalidateAttests,
    checkMetadataHash(options.metadataHash ?? builtMetadataHash()),
  ]);
  const executive = new Executive({
    runtime,
    system: pallets.system.api.executive,
    version,
    extensions,
    limits,
    validateUnsigned: (call, _info, source) => {
      // FRAME's ValidateUnsigned of Claims (claim, claim_attest), BABE and GRANDPA (reports).
      const claimed = pallets.claims.api.validateUnsigned(call);
      if (claimed) return claimed;
      const { tag, value } = call as { tag: string; value: { tag: string; value: never } };
      if (value.tag !== "report_equivocation_unsigned") return undefined;
      if (tag === "Babe") return pallets.babe.api.equivocation.validateUnsigned(source, value.value);
      if (tag === "Grandpa") return pallets.grandpa.api.equivocation.validateUnsigned(source, value.value);
      return undefined;
    },
  });
  return { runtime, executive, pallets, extensions };
}
