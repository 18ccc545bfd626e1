/** ValidatorManager has no errors of its own: a bad origin is FRAME's `BadOrigin`. */
export const errors = {};
