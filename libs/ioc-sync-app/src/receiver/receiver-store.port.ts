import type { SyncBatch } from '../domain/sync-batch';

/** The receiving side's store: its own ClickHouse, in the same shape as the children's. */
export interface ReceiverStore {
  appliedThrough(origin: string): Promise<number>;
  /**
   * Stores the batch's events, their KPI input rows and its watermarks, then records the batch as
   * applied. Each write is idempotent, so a crash in between and the redelivery that follows
   * change nothing.
   */
  apply(batch: SyncBatch, receivedAt: number): Promise<void>;
  /** Per child: the oldest of the latest watermarks it vouched for, over its units and sources (unix s). */
  oldestWatermarks(): Promise<{ origin: string; completeThrough: number }[]>;
}

export const RECEIVER_STORE = Symbol('RECEIVER_STORE');

/** Tells this level's own consumers (the wall screens' gateway) which units changed. */
export interface ChangeNotices {
  announce(batch: SyncBatch, receivedAt: number): Promise<void>;
}

export const CHANGE_NOTICES = Symbol('CHANGE_NOTICES');
