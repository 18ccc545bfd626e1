/** GRANDPA's errors, with FRAME's indices. */
export const errors = {
  PauseFailed: {
    index: 0,
    docs: [
      "Attempt to signal GRANDPA pause when the authority set isn't live",
      "(either paused or already pending pause).",
    ],
  },
  ResumeFailed: {
    index: 1,
    docs: [
      "Attempt to signal GRANDPA resume when the authority set isn't paused",
      "(either live or already pending resume).",
    ],
  },
  ChangePending: { index: 2, docs: ["Attempt to signal GRANDPA change with one already pending."] },
  TooSoon: { index: 3, docs: ["Cannot signal forced change so soon after last."] },
  InvalidKeyOwnershipProof: {
    index: 4,
    docs: ["A key ownership proof provided as part of an equivocation report is invalid."],
  },
  InvalidEquivocationProof: {
    index: 5,
    docs: ["An equivocation proof provided as part of an equivocation report is invalid."],
  },
  DuplicateOffenceReport: {
    index: 6,
    docs: ["A given equivocation report is valid but already previously reported."],
  },
};
