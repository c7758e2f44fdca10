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
  /** Events of this level's own feeds stored (unix s) but left out, their member rows not stored yet. */
  waiting?: readonly (FeedKey & { storedAt: number })[];
}

const keyOf = (k: FeedKey) => `${k.unitCode}|${k.source}`;

/**
 * The watermarks a batch carries. Feeds this level ingests itself are complete through the
 * snapshot, or through the second before the first of their events still waiting for member rows;
 * feeds it received from a child are complete through what the child vouched for (the received
 * events and their member rows are stored before the child's marks, so they are in the batch too).
 */
export function watermarksOf(inputs: WatermarkInputs): SyncMark[] {
  if (!inputs.complete) return [];
  const received = new Map(inputs.received.map((m) => [keyOf(m), m]));
  const counts = new Map(inputs.ownCounts.map((c) => [keyOf(c), c]));
  const waitingSince = new Map<string, number>();
  for (const w of inputs.waiting ?? []) {
    waitingSince.set(keyOf(w), Math.min(waitingSince.get(keyOf(w)) ?? w.storedAt, w.storedAt));
  }
  const own = new Map<string, FeedKey>();
  for (const key of [...inputs.stored, ...inputs.ownCounts]) {
    if (!received.has(keyOf(key))) own.set(keyOf(key), { unitCode: key.unitCode, source: key.source });
  }
  const marks: SyncMark[] = [
    ...inputs.received,
    ...[...own.values()].map((key) => ({
      ...key,
      completeThrough: Math.min(inputs.snapshot, (waitingSince.get(keyOf(key)) ?? Infinity) - 1),
      rejected: counts.get(keyOf(key))?.rejected ?? 0,
      accepted: counts.get(keyOf(key))?.accepted ?? 0,
    })),
  ];
  return marks.sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));
}
