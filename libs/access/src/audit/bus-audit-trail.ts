import { Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { Counter, Gauge } from 'prom-client';
import { ACCESS_AUDIT_TOPIC, type AccessAuditV1 } from '@libs/contracts';
import type { EventBus } from '@libs/event-bus-port';
import { AuditBuffer } from './audit-buffer';
import { AuditEnv } from './audit.env';
import type { AuditTrail } from './audit-trail.port';

const errorMessage = (error: unknown) => (error instanceof Error ? error.message : String(error));

export interface AuditMetrics {
  buffered: Gauge;
  produced: Counter;
  failures: Counter;
  lost: Counter;
  refused: Counter;
}

/**
 * The audit trail on the event bus: entries are published to coc.access-audit.v1 in batches (every
 * COC_AUDIT_FLUSH_MS, or at COC_AUDIT_BATCH_MAX entries), each resolved once durable on the bus.
 * A failed batch stays buffered and is retried at the next flush; shutdown flushes what is left
 * before the bus closes (its own shutdown hook runs after this one).
 */
export class BusAuditTrail implements AuditTrail, OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('AuditTrail');
  private readonly buffer: AuditBuffer;
  private timer?: NodeJS.Timeout;
  private closed = false;

  private readonly lost: Counter;
  private readonly refused: Counter;

  constructor(
    private readonly bus: EventBus,
    private readonly env: AuditEnv,
    { buffered, produced, failures, lost, refused }: AuditMetrics,
  ) {
    this.lost = lost;
    this.refused = refused;
    this.buffer = new AuditBuffer(
      (batch) => this.produce(batch),
      { batchMax: env.COC_AUDIT_BATCH_MAX, bufferMax: env.COC_AUDIT_BUFFER_MAX },
      {
        produced: (count) => produced.inc(count),
        failed: (error) => {
          failures.inc();
          this.logger.warn(`audit batch not produced, kept for the next flush: ${errorMessage(error)}`);
        },
        lost: (count, reason) => {
          lost.inc({ reason }, count);
          this.logger.error(`${count} audit entries lost (${reason})`);
        },
        size: (count) => buffered.set(count),
      },
    );
  }

  record(entry: AccessAuditV1): void {
    if (this.closed) {
      this.lost.inc({ reason: 'shutdown' });
      this.logger.error(`audit entry recorded after shutdown, lost: ${entry.action} ${entry.outcome}`);
      return;
    }
    if (this.buffer.add(entry)) this.flushInBackground();
  }

  admit(): boolean {
    if (!this.closed && this.buffer.accepting()) return true;
    this.refused.inc();
    return false;
  }

  async onApplicationBootstrap(): Promise<void> {
    // Ingest creates every topic; an app started before it would otherwise fail its first batches.
    await this.bus.ensureTopics([ACCESS_AUDIT_TOPIC]);
    this.timer = setInterval(() => this.flushInBackground(), this.env.COC_AUDIT_FLUSH_MS);
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    this.closed = true;
    const deadline = Date.now() + this.env.COC_AUDIT_SHUTDOWN_FLUSH_MS;
    while (this.buffer.length > 0 && Date.now() < deadline) {
      await this.buffer.flush().catch(() => new Promise((resolve) => setTimeout(resolve, 200)));
    }
    this.buffer.abandon();
  }

  /** The failure is counted and logged by the buffer, and the batch kept for the next flush. */
  private flushInBackground(): void {
    if (this.buffer.length > 0) this.buffer.flush().catch(() => undefined);
  }

  private produce(batch: readonly AccessAuditV1[]): Promise<void> {
    return this.bus.publish(
      [
        {
          topic: ACCESS_AUDIT_TOPIC,
          messages: batch.map((entry) => ({
            key: entry.unitCodes[0] ?? null,
            value: JSON.stringify(entry),
          })),
        },
      ],
      { compressed: true },
    );
  }
}
