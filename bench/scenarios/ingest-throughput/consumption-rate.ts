import type { Admin } from 'kafkajs';

/** How fast a leg went through a backlog, over the part of it that was timed. */
export interface ConsumptionRate {
  eventsPerSecond: number;
  /** Events done after the clock started: the ones the rate is over. */
  events: number;
  seconds: number;
  /** The leg went from below the warm-up share to done between two samples: the rate is at least this. */
  lowerBound?: true;
}

/** How many events were done (stored, committed) at a moment. */
export interface ProgressSample {
  atMs: number;
  done: number;
}

/**
 * The rate between the first sample with at least `warmUp` of the backlog done (and anything at
 * all) and the first with everything: the first sample's own progress is excluded (its start is
 * not observed), so start-up never counts, and neither does the warm-up share (a fresh process's
 * JIT, the first fetches), which would otherwise favour whichever leg happens to run warm.
 */
export function rateOf(samples: readonly ProgressSample[], total: number, warmUp = 0): ConsumptionRate {
  const first = samples.find((s) => s.done > 0 && s.done >= warmUp * total);
  const last = samples.find((s) => s.done >= total);
  if (!first || !last) throw new Error(`never got to all ${total} events`);
  if (last === first) {
    // Done between two polls (the Kafka engine stores in large blocks): time from the sample before.
    const before = samples[samples.indexOf(first) - 1];
    if (!before) throw new Error('everything was done at once: too few events to time');
    const events = total - before.done;
    const seconds = (last.atMs - before.atMs) / 1000;
    return { eventsPerSecond: events / seconds, events, seconds, lowerBound: true };
  }
  const events = total - first.done;
  const seconds = (last.atMs - first.atMs) / 1000;
  return { eventsPerSecond: events / seconds, events, seconds };
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Events a consumer group has committed on these topics (all partitions). */
export async function committedEvents(
  admin: Admin,
  groupId: string,
  topics: readonly string[],
): Promise<number> {
  const offsets = await admin.fetchOffsets({ groupId, topics: [...topics] });
  return offsets.flatMap((t) => t.partitions).reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0);
}

/**
 * Polls `done` (every `pollMs`) until it reaches `total` and returns the samples; fails after
 * `stallMs` without progress, naming what stalled and how far it got.
 */
export async function watchProgress(
  what: string,
  done: () => Promise<number>,
  total: number,
  { pollMs = 100, stallMs = 60_000 } = {},
): Promise<ProgressSample[]> {
  const samples: ProgressSample[] = [];
  let progressAt = Date.now();
  for (;;) {
    const sample = { atMs: Date.now(), done: await done() };
    if (sample.done !== samples.at(-1)?.done) progressAt = sample.atMs;
    samples.push(sample);
    if (sample.done >= total) return samples;
    if (sample.atMs - progressAt > stallMs) {
      throw new Error(`${what} stalled at ${sample.done} of ${total} events for ${stallMs / 1000} s`);
    }
    await sleep(pollMs);
  }
}
