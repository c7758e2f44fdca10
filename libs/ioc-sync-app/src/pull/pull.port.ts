import type { SourceId } from '@libs/contracts';
import type { BatchChanges } from '../domain/change-pages';

/** What the pull API and the completeness view read of this level's store. */
export interface LevelReader {
  /** Up to `maxBatches` outbox batches after `since` with the (unit, local day) pairs they touched in scope. */
  changesSince(
    since: number,
    unitCodes: readonly string[],
    days: { from: string; to: string },
    maxBatches: number,
  ): Promise<BatchChanges[]>;
  /** Per unit and source: latest event time and storage time, events of the last 24 h and the 7 days before. */
  feedActivity(
    unitCodes: readonly string[],
    now: number,
  ): Promise<
    {
      unitCode: string;
      source: SourceId;
      lastEventAt: number;
      lastStoredAt: number;
      last24h: number;
      previous7d: number;
    }[]
  >;
}

export const LEVEL_READER = Symbol('LEVEL_READER');
