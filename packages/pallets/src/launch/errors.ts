/** Launch's errors. */
export const errors = {
  NotRestricted: { index: 0, docs: ["The launch restriction was already lifted."] },
};
