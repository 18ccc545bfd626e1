/**
 * FRAME's transaction payment declares no errors: a fee that cannot be paid rejects the
 * transaction (`InvalidTransaction::Payment`) before dispatch. The file exists so every pallet
 * has the same set.
 */
export const errors = {};
