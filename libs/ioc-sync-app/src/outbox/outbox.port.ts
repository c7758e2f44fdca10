import type { SourceId } from '@libs/contracts';
import type { KpiInputRow } from '@libs/kpi';
import type { StoredCandidate } from '../domain/member-readiness';
import type { SyncBatch, SyncMark } from '../domain/sync-batch';
import type { FeedKey } from '../domain/watermarks';

/** A stored event not yet in any outbox batch. */
export interface PendingEvent {
  source: SourceId;
  eventId: string;
  unitCode: string;
  occurredAt: number;
}

/** A stored event absent from the outbox, with what its member rows derive from and when it was stored. */
export interface StoredEvent extends PendingEvent, StoredCandidate {
  /** The earliest ingested_at of its copies (unix s). */
  storedAt: number;
}

/** Where a catch-up stopped: the last candidate it took, in storing order. */
export type ArrivalCursor = Pick<
  StoredEvent,
  'source' | 'storedAt' | 'unitCode' | 'type' | 'occurredAt' | 'eventId'
>;

/** The sending side's durable outbox, kept in this level's own ClickHouse. */
export interface Outbox {
  lastSeq(): Promise<{ seq: number; createdAt: number }>;
  /** When batch `seq` was written (unix s). */
  createdAt(seq: number): Promise<number>;
  /**
   * Stored events absent from the outbox among those stored at or after `storedSince` (unix s), in
   * storing order (source by source), after `after` when given.
   */
  pendingEvents(storedSince: number, limit: number, after?: ArrivalCursor): Promise<StoredEvent[]>;
  /** Those of `rows` that `kpi_input_members` holds. */
  storedMembers(rows: readonly KpiInputRow[]): Promise<KpiInputRow[]>;
  storedFeeds(): Promise<FeedKey[]>;
  /** The latest watermark children vouched for, per unit and source. */
  receivedMarks(): Promise<SyncMark[]>;
  /** Refused and stored records of this level's own ingest in the 24 h before `at`. */
  ownCounts(at: number, ownUnit: string): Promise<(FeedKey & { rejected: number; accepted: number })[]>;
  /** Writes one batch in one insert: it exists whole or not at all. */
  append(
    seq: number,
    createdAt: number,
    events: readonly PendingEvent[],
    marks: readonly SyncMark[],
  ): Promise<void>;
  /**
   * The last batch of the longest run from `from` whose events together stay within `maxEvents`
   * (at least `from` itself).
   */
  lastBatchWithin(from: number, maxEvents: number): Promise<number>;
  /** Batches `from` … `to` merged as they travel, their events read back from the raw tables. */
  read(seqs: { from: number; to: number }, origin: string): Promise<SyncBatch>;
}

export const OUTBOX = Symbol('OUTBOX');
