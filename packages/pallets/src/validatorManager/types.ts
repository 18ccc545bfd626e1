/** ValidatorManager's types: validators are accounts (the relay's `ValidatorId` is its `AccountId`). */
export type ValidatorId = Uint8Array;
