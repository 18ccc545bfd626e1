/**
 * Offences has no dispatch errors (it has no calls); a report whose offenders were all reported
 * before is refused with `OffencesError`'s `DuplicateReport`, which the reporting pallet turns into
 * its own `DuplicateOffenceReport`.
 */
export const errors = {};
