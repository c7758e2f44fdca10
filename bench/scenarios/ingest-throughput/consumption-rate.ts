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

/** The share of the backlog a rate is timed over: from `from` done to `to` done. */
export interface TimedShare {
  from: number;
  to: number;
}

/**
 * The rate over the middle of a backlog: from the first sample with at least `from` of it done (and
 * anything at all) to the first with at least `to`, counting the events done in between. Start-up
 * and the warm-up share (a fresh process's JIT, the first fetches) are left out at one end, the
 * last partial batches and flush timers at the other (the Kafka engine stores in blocks and flushes
 * the last one on a timer), alike for every leg. The leg must still have done everything.
 */
export function rateOf(
  samples: readonly ProgressSample[],
  total: number,
  { from, to }: TimedShare = { from: 0, to: 1 },
): ConsumptionRate {
  if (!samples.some((s) => s.done >= total)) throw new Error(`never got to all ${total} events`);
  const first = samples.find((s) => s.done > 0 && s.done >= from * total);
  const last = samples.find((s) => s.done >= to * total);
  if (!first || !last) throw new Error(`never got to all ${total} events`);
  if (last === first) {
    // The whole timed share was done between two polls: time from the sample before.
    const before = samples[samples.indexOf(first) - 1];
    if (!before) throw new Error('everything was done at once: too few events to time');
    const events = last.done - before.done;
    const seconds = (last.atMs - before.atMs) / 1000;
    return { eventsPerSecond: events / seconds, events, seconds, lowerBound: true };
  }
  const events = last.done - first.done;
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
