import type { FeedKey } from './watermarks';

/** What the store knows of one child's feed from one source (instants in unix seconds). */
export interface FeedFigures extends FeedKey {
  lastEventAt: number | null;
  lastStoredAt: number | null;
  /** The child's latest watermark; null when it never vouched for this feed. */
  completeThrough: number | null;
  rejected: number;
  accepted: number;
  /** Events that occurred in the last 24 h, and in the 7 days before them. */
  last24h: number;
  previous7d: number;
}

export interface CompletenessThresholds {
  liveWithinS: number;
  completeWithinS: number;
  cleanMaxRejectPermille: number;
  volumeMinPct: number;
  volumeMaxPct: number;
}

/** "Đúng, đủ, sạch, sống" in figures: each verdict next to the numbers it comes from. */
export interface FeedCompleteness extends FeedKey {
  live: { state: 'live' | 'silent' | 'never'; lastEventAt: string | null; lastStoredAt: string | null };
  complete: {
    state: 'complete' | 'late' | 'unknown';
    completeThrough: string | null;
    lagSeconds: number | null;
  };
  clean: {
    state: 'clean' | 'dirty' | 'unknown';
    rejected: number;
    accepted: number;
    rejectRate: number | null;
  };
  volume: { state: 'within' | 'below' | 'above' | 'unknown'; last24h: number; dailyMean7d: number | null };
}

const iso = (s: number | null) => (s === null ? null : new Date(s * 1000).toISOString());

export function assessFeed(f: FeedFigures, now: number, t: CompletenessThresholds): FeedCompleteness {
  const live = f.lastEventAt === null ? 'never' : now - f.lastEventAt <= t.liveWithinS ? 'live' : 'silent';
  const lag = f.completeThrough === null ? null : Math.max(0, now - f.completeThrough);
  const complete = lag === null ? 'unknown' : lag <= t.completeWithinS ? 'complete' : 'late';
  const seen = f.rejected + f.accepted;
  const rejectRate = seen === 0 ? null : f.rejected / seen;
  const clean =
    rejectRate === null ? 'unknown' : rejectRate * 1000 <= t.cleanMaxRejectPermille ? 'clean' : 'dirty';
  const mean = f.previous7d === 0 ? null : f.previous7d / 7;
  const pct = mean === null ? null : (100 * f.last24h) / mean;
  const volume =
    pct === null ? 'unknown' : pct < t.volumeMinPct ? 'below' : pct > t.volumeMaxPct ? 'above' : 'within';
  return {
    unitCode: f.unitCode,
    source: f.source,
    live: { state: live, lastEventAt: iso(f.lastEventAt), lastStoredAt: iso(f.lastStoredAt) },
    complete: { state: complete, completeThrough: iso(f.completeThrough), lagSeconds: lag },
    clean: { state: clean, rejected: f.rejected, accepted: f.accepted, rejectRate },
    volume: { state: volume, last24h: f.last24h, dailyMean7d: mean },
  };
}

export type ChildState = 'complete' | 'late' | 'silent';

/**
 * A child is silent when none of its feeds is live (it is listed as such, never counted as zero),
 * late when a live feed is not complete, complete otherwise.
 */
export function childStateOf(feeds: readonly FeedCompleteness[]): ChildState {
  const live = feeds.filter((f) => f.live.state === 'live');
  if (live.length === 0) return 'silent';
  return live.every((f) => f.complete.state === 'complete') ? 'complete' : 'late';
}
