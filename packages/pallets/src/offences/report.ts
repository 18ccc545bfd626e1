/**
 * Reporting an offence (FRAME's `ReportOffence`): each offender's report id is
 * `blake2_256(SCALE((kind, time_slot_bytes, offender)))`; offenders already reported for that kind
 * and time slot are duplicates; a report with none new is refused. Otherwise every offender
 * concurrent with it (the same kind and time slot) is handed to `onOffence` with the slash fraction
 * for their number, and `Offence` is deposited.
 */
import { type AccountId32, Bytes, blake2_256, CanaryError, concatBytes } from "@canary/primitives";
import type { OffencesSelf } from "./config.ts";
import type { Offence, OffenceDetails } from "./types.ts";

/** FRAME's `OffenceError::DuplicateReport`; the reporting pallet answers with its own `DuplicateOffenceReport`. */
export class DuplicateReport extends CanaryError {
  constructor() {
    super(
      "OFFENCES_DUPLICATE_REPORT",
      "every offender of this report was already reported for this kind and time slot",
    );
  }
}

export function reportFns(self: OffencesSelf) {
  const { storage } = self;
  const reportId = (kind: Uint8Array, timeSlot: Uint8Array, offender: AccountId32) =>
    blake2_256(concatBytes(kind, Bytes.enc(timeSlot), offender));

  function reportOffence(reporters: AccountId32[], offence: Offence): void {
    const { kind, timeSlot } = offence;
    const index = storage.ConcurrentReportsIndex.get(kind, timeSlot);
    let anyNew = false;
    const ids = [...index];
    for (const offender of offence.offenders) {
      const id = reportId(kind, timeSlot, offender);
      if (storage.Reports.contains(id)) continue;
      anyNew = true;
      storage.Reports.set(id, { offender, reporters });
      ids.push(id);
    }
    if (!anyNew) throw new DuplicateReport();
    storage.ConcurrentReportsIndex.set(kind, timeSlot, ids);
    const concurrent = ids.flatMap((id) => {
      const details = storage.Reports.get(id);
      return details ? [details as OffenceDetails] : [];
    });
    const fraction = offence.slashFraction(concurrent.length);
    self.config.onOffence(
      concurrent,
      concurrent.map(() => fraction),
      offence.session,
    );
    self.emit("Offence", { kind, timeslot: timeSlot });
  }

  /** Whether any of `offenders` was already reported for this kind and time slot. */
  const isKnown = (kind: Uint8Array, timeSlot: Uint8Array, offenders: AccountId32[]): boolean =>
    offenders.some((o) => storage.Reports.contains(reportId(kind, timeSlot, o)));

  return { reportOffence, isKnown };
}
