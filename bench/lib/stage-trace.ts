import { readFileSync } from 'node:fs';

/** A batch an app logged at debug level: its partition's offsets and when it was handled. */
export interface LoggedBatch {
  topic: string;
  partition: number;
  firstOffset: bigint;
  lastOffset: bigint;
  /** The log line's time (pino, epoch ms). */
  time: number;
  fields: Record<string, unknown>;
}

/** The batches of `topic` in a pino JSON log, from lines carrying firstOffset/lastOffset since `since`. */
export function loggedBatches(logFile: string, topic: string, since: number): LoggedBatch[] {
  return readFileSync(logFile, 'utf8')
    .split('\n')
    .flatMap((line) => {
      if (!line.startsWith('{') || !line.includes('"firstOffset"')) return [];
      const fields = JSON.parse(line) as Record<string, unknown>;
      if (fields.topic !== topic || typeof fields.time !== 'number' || fields.time < since) return [];
      return [
        {
          topic,
          partition: Number(fields.partition),
          firstOffset: BigInt(String(fields.firstOffset)),
          lastOffset: BigInt(String(fields.lastOffset)),
          time: fields.time,
          fields,
        },
      ];
    });
}

/** The first logged batch holding a record (a redelivered batch is logged again; the first counts). */
export function batchHolding(
  batches: readonly LoggedBatch[],
  partition: number,
  offset: string,
): LoggedBatch | undefined {
  const at = BigInt(offset);
  return batches.find((b) => b.partition === partition && b.firstOffset <= at && at <= b.lastOffset);
}

/** The mean of a Prometheus histogram over all its labels, in ms, from an app's /metrics (undefined when unobserved). */
export async function histogramMeanMs(
  appUrl: string,
  metric: string,
  headers: Record<string, string>,
): Promise<number | undefined> {
  const res = await fetch(`${appUrl}/metrics`, { headers });
  if (res.status !== 200) throw new Error(`${appUrl}/metrics answered ${res.status}`);
  const lines = (await res.text()).split('\n');
  const total = (suffix: string) =>
    lines
      .filter((line) => line.startsWith(`${metric}_${suffix}`))
      .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
  const count = total('count');
  return count > 0 ? Math.round((total('sum') / count) * 1000) : undefined;
}
