/** Staking's errors, with pallet-staking's indices (Kusama's before Asset Hub). */
const e = (index: number, doc: string) => ({ index, docs: [doc] });

export const errors = {
  NotController: e(0, "Not a controller account."),
  NotStash: e(1, "Not a stash account."),
  AlreadyBonded: e(2, "Stash is already bonded."),
  AlreadyPaired: e(3, "Controller is already paired."),
  EmptyTargets: e(4, "Targets cannot be empty."),
  DuplicateIndex: e(5, "Duplicate index."),
  InvalidSlashIndex: e(6, "Slash record index out of bounds."),
  InsufficientBond: e(
    7,
    "Cannot have a validator or nominator role, with value less than the minimum defined by governance (see `MinValidatorBond` and `MinNominatorBond`). If unbonding is the intention, `chill` first to remove one's role as validator/nominator.",
  ),
  NoMoreChunks: e(8, "Can not schedule more unlock chunks."),
  NoUnlockChunk: e(9, "Can not rebond without unlocking chunks."),
  FundedTarget: e(10, "Attempting to target a stash that still has funds."),
  InvalidEraToReward: e(11, "Invalid era to reward."),
  InvalidNumberOfNominations: e(12, "Invalid number of nominations."),
  NotSortedAndUnique: e(13, "Items are not sorted and unique."),
  AlreadyClaimed: e(14, "Rewards for this era have already been claimed for this validator."),
  InvalidPage: e(15, "No nominators exist on this page."),
  IncorrectHistoryDepth: e(16, "Incorrect previous history depth input provided."),
  IncorrectSlashingSpans: e(17, "Incorrect number of slashing spans provided."),
  BadState: e(18, "Internal state has become somehow corrupted and the operation cannot continue."),
  TooManyTargets: e(19, "Too many nomination targets supplied."),
  BadTarget: e(20, "A nomination target was supplied that was blocked or otherwise not a validator."),
  CannotChillOther: e(
    21,
    "The user has enough bond and thus cannot be chilled forcefully by an external person.",
  ),
  TooManyNominators: e(
    22,
    "There are too many nominators in the system. Governance needs to adjust the staking settings to keep things safe for the runtime.",
  ),
  TooManyValidators: e(
    23,
    "There are too many validator candidates in the system. Governance needs to adjust the staking settings to keep things safe for the runtime.",
  ),
  CommissionTooLow: e(24, "Commission is too low. Must be at least `MinCommission`."),
  BoundNotMet: e(25, "Some bound is not met."),
  ControllerDeprecated: e(26, "Used when attempting to use deprecated controller account logic."),
  CannotRestoreLedger: e(27, "Cannot reset a ledger."),
  RewardDestinationRestricted: e(28, "Provided reward destination is not allowed."),
  NotEnoughFunds: e(29, "Not enough funds available to withdraw."),
  VirtualStakerNotAllowed: e(30, "Operation not allowed for virtual stakers."),
};
