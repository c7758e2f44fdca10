import type { EventEnvelope } from '@libs/contracts';

const seconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);

/**
 * A record's row in its source's raw table as the bare references write it: the envelope's fields
 * as they come, the payload as text, nothing checked, nothing derived.
 */
export function bareRawRow(e: EventEnvelope, ingestedAt: number) {
  return {
    event_id: e.eventId,
    type: e.type,
    schema_version: e.schemaVersion,
    unit_code: e.unitCode,
    occurred_at: seconds(e.occurredAt),
    produced_at: seconds(e.producedAt),
    ingested_at: ingestedAt,
    payload: JSON.stringify(e.payload),
  };
}
