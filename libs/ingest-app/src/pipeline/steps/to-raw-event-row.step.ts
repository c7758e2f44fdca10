import type { ValidEvent } from '@libs/contracts';

/** One row of a source's raw-event table. Times are unix seconds, read identically by every ClickHouse. */
export interface RawEventRow {
  event_id: string;
  type: string;
  schema_version: number;
  unit_code: string;
  occurred_at: number;
  produced_at: number;
  ingested_at: number;
  payload: string;
}

const seconds = (d: Date) => Math.floor(d.getTime() / 1000);

export function toRawEventRow(event: ValidEvent, ingestedAt: Date): RawEventRow {
  const { envelope } = event;
  return {
    event_id: envelope.eventId,
    type: envelope.type,
    schema_version: envelope.schemaVersion,
    unit_code: envelope.unitCode,
    occurred_at: seconds(event.occurredAt),
    produced_at: seconds(event.producedAt),
    ingested_at: seconds(ingestedAt),
    payload: JSON.stringify(envelope.payload),
  };
}
