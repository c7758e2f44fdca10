import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import type { Counter } from 'prom-client';
import { compiledContracts, sourceOfTopic, type SourceId } from '@libs/contracts';
import { AdministrativeHierarchy } from '@libs/admin-units';
import { METRIC } from '@libs/observability';
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
  /** When the batch's handling began, its facts were durable, and its change notices were on the bus (epoch ms). */
  timing: { startedAt: number; durableAt: number; announcedAt: number };
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
    @InjectMetric(METRIC.recordsStored.name) private readonly storedTotal: Counter,
    @InjectMetric(METRIC.recordsRejected.name) private readonly rejectedTotal: Counter,
  ) {
    // Compiled at start-up, not in the first batch, which would wait for it (a few hundred ms).
    compiledContracts();
  }

  async handleBatch(records: readonly IncomingRecord[]): Promise<BatchOutcome> {
    const startedAt = Date.now();
    const policy: RecordPolicy = { ...recordPolicyOf(this.env), now: new Date(startedAt), units: this.units };
    const batch = runIngestPipeline(records, policy);
    const rejects: RejectedRecord[] = [...batch.rejects];
    const storedBySource = new Map<SourceId, number>();
    for (const [source, rows] of batch.rows) {
      try {
        await this.storeRows(source, rows);
        storedBySource.set(source, rows.rows.length);
      } catch (error) {
        if (!(error instanceof StorageRejectedError)) throw error;
        const refused = await this.storeAroundRefused(source, records, batch.rejects, policy, error);
        storedBySource.set(source, rows.rows.length - refused.length);
        rejects.push(...refused);
      }
    }
    if (rejects.length > 0) {
      await this.deadLetters.publish(rejects);
      await this.store.insertRejects(rejects);
      for (const r of rejects) this.logReject(r);
    }
    const durableAt = Date.now();
    await this.changes.announce(batch.changes);
    const announcedAt = Date.now();
    // Counted once the whole batch is durable: a retried batch is counted when it finally succeeds.
    for (const [source, n] of storedBySource) this.storedTotal.inc({ source }, n);
    for (const r of rejects) this.rejectedTotal.inc({ code: r.rejection.code });
    const stored = [...storedBySource.values()].reduce((sum, n) => sum + n, 0);
    return { stored, rejected: rejects.length, timing: { startedAt, durableAt, announcedAt } };
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
    return refused.map(({ item, error }) => {
      const row = runIngestPipeline([item], policy).rows.get(source)?.rows[0];
      return {
        origin: { topic: item.topic, partition: item.partition, offset: item.offset },
        key: item.key,
        value: item.value,
        rejection: {
          code: 'storage_rejected',
          reason: `the store refused the event (${error.storeCode}): ${error.message}`,
        },
        eventId: row?.event_id,
        unitCode: row?.unit_code,
      };
    });
  }

  /** One line per dead-lettered record, with the fields to find it again (never its content). */
  private logReject(r: RejectedRecord): void {
    this.logger.warn({
      msg: `${positionOf(r.origin)} refused (${r.rejection.code}) and dead-lettered: ${r.rejection.reason.slice(0, 300)}`,
      eventId: r.eventId,
      unitCode: r.unitCode,
      rejectCode: r.rejection.code,
      topic: r.origin.topic,
      partition: r.origin.partition,
      offset: r.origin.offset,
    });
  }
}
