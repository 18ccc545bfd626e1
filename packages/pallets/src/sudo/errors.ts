/** Sudo's errors, with FRAME's indices. */
export const errors = {
  RequireSudo: { index: 0, docs: ["Sender must be the Sudo account."] },
};
