import { Inject, Injectable } from '@nestjs/common';
import { IngestEnv } from './ingest.env';
import type { IncomingRecord } from './pipeline/ingest-record';
import { runIngestPipeline } from './pipeline/ingest-pipeline';
import {
  CHANGE_ANNOUNCER,
  DEAD_LETTER_PUBLISHER,
  EVENT_STORE,
  type ChangeAnnouncer,
  type DeadLetterPublisher,
  type EventStore,
} from './ports/ingest-sinks.port';

export interface BatchOutcome {
  stored: number;
  rejected: number;
}

/**
 * Handles one batch end to end. Every write is idempotent (events by eventId, rejects by Kafka
 * position), so when any step throws, the whole batch can be retried from the start safely.
 */
@Injectable()
export class IngestService {
  constructor(
    private readonly env: IngestEnv,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(DEAD_LETTER_PUBLISHER) private readonly deadLetters: DeadLetterPublisher,
    @Inject(CHANGE_ANNOUNCER) private readonly changes: ChangeAnnouncer,
  ) {}

  async handleBatch(records: readonly IncomingRecord[]): Promise<BatchOutcome> {
    const batch = runIngestPipeline(records, {
      now: new Date(),
      maxFutureSkewMs: this.env.INGEST_MAX_FUTURE_SKEW_MS,
      maxRecordBytes: this.env.INGEST_MAX_RECORD_BYTES,
    });
    let stored = 0;
    for (const [source, rows] of batch.rows) {
      await this.store.insertEvents(source, rows);
      stored += rows.length;
    }
    if (batch.rejects.length > 0) {
      await this.deadLetters.publish(batch.rejects);
      await this.store.insertRejects(batch.rejects);
    }
    await this.changes.announce(batch.changes);
    return { stored, rejected: batch.rejects.length };
  }
}
