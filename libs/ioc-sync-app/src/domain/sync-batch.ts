import type { SourceId } from '@libs/contracts';

/**
 * What travels upward: one outbox batch of a level (its origin unit), with its sequence number.
 * Events are the stored rows of the sending level's raw tables, as ingest validated them; the
 * receiving level stores them in its own raw tables and derives its KPI rollup from them with the
 * same function ingest uses, so every KPI definition reads the same facts at every level.
 * Instants are unix seconds, the resolution of the store.
 */
export interface SyncedEvent {
  source: SourceId;
  eventId: string;
  type: string;
  schemaVersion: number;
  unitCode: string;
  occurredAt: number;
  producedAt: number;
  /** The payload as the JSON text ingest stored. */
  payload: string;
}

/**
 * A watermark: everything the sending level had stored for this unit and source by
 * `completeThrough` is in this batch or an earlier one. `rejected` / `accepted` are the records
 * the commune's ingest refused and stored in the 24 hours before it (how clean the feed is).
 */
export interface SyncMark {
  unitCode: string;
  source: SourceId;
  completeThrough: number;
  rejected: number;
  accepted: number;
}

/**
 * One delivery: outbox batches `firstSeq` … `seq` of the origin, merged (their events, and each
 * feed's latest watermark), so a backlog after an outage travels in few requests. Without
 * `firstSeq` it is the one batch `seq`.
 */
export interface SyncBatch {
  origin: string;
  firstSeq?: number;
  seq: number;
  createdAt: number;
  events: SyncedEvent[];
  marks: SyncMark[];
}

/** The receiver's answer: the origin's batches it has applied, 1 … appliedThrough. */
export interface SyncCursor {
  origin: string;
  appliedThrough: number;
}
