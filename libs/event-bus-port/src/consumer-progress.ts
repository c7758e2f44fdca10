/** One partition as sampled: where the group has committed and where the log ends. */
export interface PartitionOffsets {
  topic: string;
  partition: number;
  /** Next offset the group will read (-1: nothing committed yet, read from the log start). */
  committed: number;
  logStart: number;
  logEnd: number;
}

export interface PartitionProgress {
  topic: string;
  partition: number;
  lag: number;
  /** Milliseconds the group has not advanced while this partition had lag; 0 when caught up or moving. */
  stalledMs: number;
}

export interface ProgressVerdict {
  healthy: boolean;
  partitions: PartitionProgress[];
  /** Partitions stalled for at least the limit, as topic[partition]. */
  stalled: string[];
}

interface Track {
  committed: number;
  /** When the committed offset last moved, or the partition last had no lag. */
  sinceAt: number;
}

const lagOf = (p: PartitionOffsets) => Math.max(0, p.logEnd - Math.max(p.committed, p.logStart));

/**
 * Liveness by progress, not by activity: a consumer that has lag and has not moved its committed
 * offset for `stallAfterMs` is stalled, whatever its own state says (a handler hanging on a
 * dependency looks "consuming" forever). A caught-up consumer with nothing to do is healthy.
 * Pure: fed samples and clock readings, so it is tested without Kafka.
 */
export class ConsumerProgressTracker {
  private readonly tracks = new Map<string, Track>();
  private latest: PartitionProgress[] = [];

  constructor(private readonly stallAfterMs: number) {}

  observe(samples: readonly PartitionOffsets[], now: number): void {
    const seen = new Set<string>();
    this.latest = samples.map((s) => {
      const key = `${s.topic}[${s.partition}]`;
      seen.add(key);
      const lag = lagOf(s);
      const track = this.tracks.get(key);
      if (!track || track.committed !== s.committed || lag === 0)
        this.tracks.set(key, { committed: s.committed, sinceAt: now });
      const sinceAt = this.tracks.get(key)?.sinceAt ?? now;
      return { topic: s.topic, partition: s.partition, lag, stalledMs: lag === 0 ? 0 : now - sinceAt };
    });
    for (const key of [...this.tracks.keys()]) if (!seen.has(key)) this.tracks.delete(key);
  }

  verdict(): ProgressVerdict {
    const stalled = this.latest
      .filter((p) => p.stalledMs >= this.stallAfterMs)
      .map((p) => `${p.topic}[${p.partition}]`);
    return { healthy: stalled.length === 0, partitions: this.latest, stalled };
  }
}
