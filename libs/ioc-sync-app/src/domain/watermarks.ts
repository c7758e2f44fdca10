import type { SourceId } from '@libs/contracts';
import type { SyncMark } from './sync-batch';

export interface FeedKey {
  unitCode: string;
  source: SourceId;
}

export interface WatermarkInputs {
  /** Unit and source pairs this level stores events of. */
  stored: readonly FeedKey[];
  /** The latest watermarks children vouched for, read before the batch's events were chosen. */
  received: readonly SyncMark[];
  /** Refused and stored records of this level's own ingest over the last 24 h. */
  ownCounts: readonly (FeedKey & { rejected: number; accepted: number })[];
  /** When the batch's events were chosen: everything stored before is in it or an earlier batch. */
  snapshot: number;
  /** False when the batch was cut at its size limit: then it vouches for nothing yet. */
  complete: boolean;
}

const keyOf = (k: FeedKey) => `${k.unitCode}|${k.source}`;

/**
 * The watermarks a batch carries. Feeds this level ingests itself are complete through the
 * snapshot; feeds it received from a child are complete through what the child vouched for (the
 * received events are stored before the child's marks, so they are in the batch too).
 */
export function watermarksOf(inputs: WatermarkInputs): SyncMark[] {
  if (!inputs.complete) return [];
  const received = new Map(inputs.received.map((m) => [keyOf(m), m]));
  const counts = new Map(inputs.ownCounts.map((c) => [keyOf(c), c]));
  const own = new Map<string, FeedKey>();
  for (const key of [...inputs.stored, ...inputs.ownCounts]) {
    if (!received.has(keyOf(key))) own.set(keyOf(key), { unitCode: key.unitCode, source: key.source });
  }
  const marks: SyncMark[] = [
    ...inputs.received,
    ...[...own.values()].map((key) => ({
      ...key,
      completeThrough: inputs.snapshot,
      rejected: counts.get(keyOf(key))?.rejected ?? 0,
      accepted: counts.get(keyOf(key))?.accepted ?? 0,
    })),
  ];
  return marks.sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));
}
