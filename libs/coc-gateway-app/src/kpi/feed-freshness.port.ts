import type { SourceId } from '@libs/contracts';

export interface SourceFreshness {
  lastEventAt: Date;
  lastIngestedAt: Date;
}

/** How recent the data of some units is, per source: the latest event known before asOf. */
export interface FeedFreshness {
  latestBySource(unitCodes: readonly string[], asOf: Date): Promise<Map<SourceId, SourceFreshness>>;
  /** `latestBySource([unit])` for each unit, by unit code (units with no event left out), in one read. */
  latestBySourceEach(
    unitCodes: readonly string[],
    asOf: Date,
  ): Promise<Map<string, Map<SourceId, SourceFreshness>>>;
}
export const FEED_FRESHNESS = Symbol('FEED_FRESHNESS');
