import type { Admin } from 'kafkajs';

/** How fast a consumer group went through a backlog, from its first commit to its last. */
export interface ConsumptionRate {
  eventsPerSecond: number;
  /** Events committed after the first observed commit: the ones the rate is over. */
  events: number;
  seconds: number;
}

export interface CommitSample {
  atMs: number;
  committed: number;
}

/**
 * The rate between the first sample with anything committed and the first with everything: the
 * first commit's own batch is excluded (its start is not observed), so start-up never counts.
 */
export function rateOf(samples: readonly CommitSample[], total: number): ConsumptionRate {
  const first = samples.find((s) => s.committed > 0);
  const last = samples.find((s) => s.committed >= total);
  if (!first || !last) throw new Error(`the group never committed all ${total} events`);
  if (last === first) throw new Error('everything was committed at once: too few events to time');
  const events = total - first.committed;
  const seconds = (last.atMs - first.atMs) / 1000;
  return { eventsPerSecond: events / seconds, events, seconds };
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Events the group has committed on these topics (all partitions). */
async function committed(admin: Admin, groupId: string, topics: readonly string[]): Promise<number> {
  const offsets = await admin.fetchOffsets({ groupId, topics: [...topics] });
  return offsets.flatMap((t) => t.partitions).reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0);
}

/**
 * Polls the group's committed offsets (every `pollMs`) until `total` events are committed and
 * returns the rate; fails after `timeoutMs` without progress, naming how far it got.
 */
export async function watchConsumption(
  admin: Admin,
  groupId: string,
  topics: readonly string[],
  total: number,
  { pollMs = 50, stallMs = 60_000 } = {},
): Promise<ConsumptionRate> {
  const samples: CommitSample[] = [];
  let progressAt = Date.now();
  for (;;) {
    const sample = { atMs: Date.now(), committed: await committed(admin, groupId, topics) };
    if (sample.committed !== samples.at(-1)?.committed) progressAt = sample.atMs;
    samples.push(sample);
    if (sample.committed >= total) return rateOf(samples, total);
    if (sample.atMs - progressAt > stallMs) {
      throw new Error(`${groupId} stalled at ${sample.committed} of ${total} events for ${stallMs / 1000} s`);
    }
    await sleep(pollMs);
  }
}
