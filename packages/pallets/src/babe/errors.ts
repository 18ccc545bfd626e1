/** BABE's errors, with FRAME's indices. */
export const errors = {
  InvalidEquivocationProof: {
    index: 0,
    docs: ["An equivocation proof provided as part of an equivocation report is invalid."],
  },
  InvalidKeyOwnershipProof: {
    index: 1,
    docs: ["A key ownership proof provided as part of an equivocation report is invalid."],
  },
  DuplicateOffenceReport: {
    index: 2,
    docs: ["A given equivocation report is valid but already previously reported."],
  },
  InvalidConfiguration: { index: 3, docs: ["Submitted configuration is invalid."] },
};
