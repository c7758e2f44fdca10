import type { Gauge } from 'prom-client';
import type { ProgressVerdict } from '@libs/event-bus-port';

/** Publishes each progress sample as the lag and stalled-seconds gauges of the group's partitions. */
export function publishProgress(lag: Gauge, stalledSeconds: Gauge) {
  return (group: string, verdict: ProgressVerdict): void => {
    for (const p of verdict.partitions) {
      const labels = { group, topic: p.topic, partition: String(p.partition) };
      lag.set(labels, p.lag);
      stalledSeconds.set(labels, p.stalledMs / 1000);
    }
  };
}
