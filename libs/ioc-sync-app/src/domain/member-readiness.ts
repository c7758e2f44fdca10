import { kpiInputRowsOfStored, type KpiInputRow } from '@libs/kpi';

/** A stored event as the outbox reads it: enough to derive its KPI-input member rows. */
export interface StoredCandidate {
  eventId: string;
  type: string;
  unitCode: string;
  /** Unix s. */
  occurredAt: number;
  /** As stored: JSON text. */
  payload: string;
}

/** A member row's identity in `kpi_input_members` (the columns a redelivery writes again unchanged). */
export const memberKeyOf = (row: Pick<KpiInputRow, 'event_id' | 'input_id' | 'bucket' | 'member'>): string =>
  `${row.event_id}|${row.input_id}|${row.bucket}|${row.member}`;

/** The member rows ingest (and the receiver) write for these events, by the same derivation. */
export function memberRowsOf(candidates: readonly StoredCandidate[]): KpiInputRow[] {
  return candidates.flatMap((c) =>
    kpiInputRowsOfStored({
      event_id: c.eventId,
      type: c.type,
      unit_code: c.unitCode,
      occurred_at: c.occurredAt,
      payload: c.payload,
    }),
  );
}

/**
 * Ingest writes an event's raw row before its member rows, and the pull API reads both (the days an
 * event places its inputs on, and the figures of those days) for the batches after its cursor. An
 * event therefore enters the outbox only once every member row derived from it is stored (at once
 * when it has none); until then it waits, and a later batch takes it. Deriving the days from the
 * payloads at pull time instead would still leave the day's figures read without the event.
 */
export function splitByMembers<T extends StoredCandidate>(
  candidates: readonly T[],
  expected: readonly KpiInputRow[],
  stored: readonly KpiInputRow[],
): { ready: T[]; waiting: T[] } {
  const present = new Set(stored.map(memberKeyOf));
  const incomplete = new Set(expected.filter((row) => !present.has(memberKeyOf(row))).map((r) => r.event_id));
  return {
    ready: candidates.filter((c) => !incomplete.has(c.eventId)),
    waiting: candidates.filter((c) => incomplete.has(c.eventId)),
  };
}
