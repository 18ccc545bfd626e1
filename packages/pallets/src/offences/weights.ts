/** Offences' weights: reports are paid by the reporting pallet's call; nothing here is dispatched. */
export const weights = {};
