import { Inject, Injectable, Logger } from '@nestjs/common';
import { sourceOfTopic, type SourceId } from '@libs/contracts';
import { AdministrativeHierarchy } from '@libs/admin-units';
import { IngestEnv, recordPolicyOf } from './ingest.env';
import type { IncomingRecord, RejectedRecord } from './pipeline/ingest-record';
import type { RecordPolicy } from './pipeline/decide-record';
import { runIngestPipeline, type SourceRows } from './pipeline/ingest-pipeline';
import {
  CHANGE_ANNOUNCER,
  DEAD_LETTER_PUBLISHER,
  EVENT_STORE,
  type ChangeAnnouncer,
  type DeadLetterPublisher,
  type EventStore,
} from './ports/ingest-sinks.port';
import { StorageRejectedError } from './ports/storage-rejected.error';
import { isolateRefused } from './storage/isolate-refused';

export interface BatchOutcome {
  stored: number;
  rejected: number;
}

const positionOf = (r: { topic: string; partition: number; offset: string }) =>
  `${r.topic}/${r.partition}/${r.offset}`;

/**
 * Handles one batch end to end. Every write is idempotent (events by eventId, rejects by Kafka
 * position), so when any step throws, the whole batch can be retried from the start safely.
 * Rows the store refuses for their content are isolated and dead-lettered (storage_rejected), so
 * one such record never holds up its partition.
 */
@Injectable()
export class IngestService {
  private readonly logger = new Logger(IngestService.name);

  constructor(
    private readonly env: IngestEnv,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(DEAD_LETTER_PUBLISHER) private readonly deadLetters: DeadLetterPublisher,
    @Inject(CHANGE_ANNOUNCER) private readonly changes: ChangeAnnouncer,
    private readonly units: AdministrativeHierarchy,
  ) {}

  async handleBatch(records: readonly IncomingRecord[]): Promise<BatchOutcome> {
    const policy: RecordPolicy = { ...recordPolicyOf(this.env), now: new Date(), units: this.units };
    const batch = runIngestPipeline(records, policy);
    const rejects: RejectedRecord[] = [...batch.rejects];
    let stored = 0;
    for (const [source, rows] of batch.rows) {
      try {
        await this.storeRows(source, rows);
        stored += rows.rows.length;
      } catch (error) {
        if (!(error instanceof StorageRejectedError)) throw error;
        const refused = await this.storeAroundRefused(source, records, batch.rejects, policy, error);
        stored += rows.rows.length - refused.length;
        rejects.push(...refused);
      }
    }
    if (rejects.length > 0) {
      await this.deadLetters.publish(rejects);
      await this.store.insertRejects(rejects);
    }
    await this.changes.announce(batch.changes);
    return { stored, rejected: rejects.length };
  }

  /**
   * Raw rows, then the KPI rollup's member rows derived from exactly the rows stored, so a row the
   * store refuses never reaches the rollup. Both writes are idempotent.
   */
  private async storeRows(source: SourceId, { rows, kpiInputs }: SourceRows): Promise<void> {
    await this.store.insertEvents(source, rows);
    await this.store.insertKpiInputs(kpiInputs);
  }

  /**
   * Bisects the source's valid records, re-deriving their rows with the same policy (the pipeline
   * is pure), so each refused row is traced back to its Kafka record for the DLQ.
   */
  private async storeAroundRefused(
    source: SourceId,
    records: readonly IncomingRecord[],
    invalid: readonly RejectedRecord[],
    policy: RecordPolicy,
    refusal: StorageRejectedError,
  ): Promise<RejectedRecord[]> {
    const invalidAt = new Set(invalid.map((r) => positionOf(r.origin)));
    const candidates = records.filter(
      (r) => sourceOfTopic(r.topic) === source && !invalidAt.has(positionOf(r)),
    );
    const refused = await isolateRefused(
      candidates,
      (subset) =>
        this.storeRows(
          source,
          runIngestPipeline(subset, policy).rows.get(source) ?? { rows: [], kpiInputs: [] },
        ),
      refusal,
    );
    for (const { item, error } of refused) {
      this.logger.warn(
        `${positionOf(item)} refused by the store (${error.storeCode}), dead-lettered: ${error.message}`,
      );
    }
    return refused.map(({ item, error }) => ({
      origin: { topic: item.topic, partition: item.partition, offset: item.offset },
      key: item.key,
      value: item.value,
      rejection: {
        code: 'storage_rejected',
        reason: `the store refused the event (${error.storeCode}): ${error.message}`,
      },
    }));
  }
}
