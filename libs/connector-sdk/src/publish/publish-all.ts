import { validateEvent, type EventEnvelope } from '@libs/contracts';
import type { EventPublisher } from './event-publisher.port';
import { InvalidRecord } from './invalid-record';

export interface PublishProgress {
  processed: number;
  total: number;
  sent: number;
  rejected: number;
}

export interface PublishOptions {
  /** Events per transport call. */
  batchSize?: number;
  onProgress?: (progress: PublishProgress) => void;
  /** The clock for the future-date check; the same rule ingest applies. */
  now?: () => Date;
  maxFutureSkewMs?: number;
}

export interface PublishRejection {
  /** Position of the record in the input. */
  index: number;
  eventId?: string;
  reason: string;
}

export interface PublishReport {
  total: number;
  sent: number;
  rejected: PublishRejection[];
  durationMs: number;
}

export const DEFAULT_BATCH_SIZE = 500;
const DEFAULT_MAX_FUTURE_SKEW_MS = 5 * 60_000;

function eventIdOf(record: unknown): string | undefined {
  if (record instanceof InvalidRecord) return record.eventId;
  if (typeof record !== 'object' || record === null) return undefined;
  const id = (record as { eventId?: unknown }).eventId;
  return typeof id === 'string' ? id : undefined;
}

/**
 * Validates every record with the same contract ingest applies, sends the valid ones in batches
 * and reports each refused record with its reason: those found invalid here are never sent.
 * Transport failures propagate (after the transport's own retries); what was sent before stays sent,
 * and a re-run is harmless because event ids are stable.
 */
export async function publishAll(
  records: readonly unknown[],
  transport: EventPublisher,
  options: PublishOptions = {},
): Promise<PublishReport> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new RangeError('batchSize must be a positive integer');
  const now = options.now ?? (() => new Date());
  const maxFutureSkewMs = options.maxFutureSkewMs ?? DEFAULT_MAX_FUTURE_SKEW_MS;
  const started = Date.now();
  const rejected: PublishRejection[] = [];
  let sent = 0;

  for (let start = 0; start < records.length; start += batchSize) {
    const policy = { now: now(), maxFutureSkewMs };
    const batch: EventEnvelope[] = [];
    const positions: number[] = [];
    records.slice(start, start + batchSize).forEach((record, offset) => {
      const index = start + offset;
      if (record instanceof InvalidRecord) {
        rejected.push({ index, eventId: record.eventId, reason: record.reason });
        return;
      }
      const result = validateEvent(record, policy);
      if (!result.ok) {
        rejected.push({
          index,
          eventId: eventIdOf(record),
          reason: `${result.rejection.code}: ${result.rejection.reason}`,
        });
        return;
      }
      batch.push(record as EventEnvelope);
      positions.push(index);
    });
    const outcome = await transport.publish(batch);
    const refused = new Set<number>();
    for (const r of outcome.rejected) {
      const index = positions[r.index];
      if (index === undefined) {
        throw new Error(`the transport rejected index ${r.index} of a batch of ${batch.length}`);
      }
      refused.add(r.index);
      rejected.push({ index, eventId: batch[r.index].eventId, reason: r.reason });
    }
    sent += batch.length - refused.size;
    options.onProgress?.({
      processed: Math.min(start + batchSize, records.length),
      total: records.length,
      sent,
      rejected: rejected.length,
    });
  }
  rejected.sort((a, b) => a.index - b.index);
  return { total: records.length, sent, rejected, durationMs: Date.now() - started };
}
