/** Session's errors, with FRAME's indices. */
export const errors = {
  InvalidProof: { index: 0, docs: ["Invalid ownership proof."] },
  NoAssociatedValidatorId: { index: 1, docs: ["No associated validator ID for account."] },
  DuplicatedKey: { index: 2, docs: ["Registered duplicate key."] },
  NoKeys: { index: 3, docs: ["No keys are associated with this account."] },
  NoAccount: { index: 4, docs: ["Key setting account is not live, so it's impossible to associate keys."] },
};
