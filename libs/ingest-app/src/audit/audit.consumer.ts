import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import type { Counter } from 'prom-client';
import { ACCESS_AUDIT_TOPIC, dlqTopic } from '@libs/contracts';
import {
  EVENT_BUS,
  type ConsumedRecord,
  type ConsumerHealth,
  type EventBus,
  type GroupConsumer,
} from '@libs/event-bus';
import { METRIC } from '@libs/observability';
import { IngestEnv } from '../ingest.env';
import {
  AUDIT_STORE,
  DEAD_LETTER_PUBLISHER,
  EVENT_STORE,
  type AuditStore,
  type DeadLetterPublisher,
  type EventStore,
} from '../ports/ingest-sinks.port';
import { decideAuditRecords } from './audit-rows';

/**
 * Ingest is the audit table's only writer (coc-gateway and ioc-sync read ClickHouse with a
 * read-only user): entries from coc.access-audit.v1 into access_audit, offsets committed only
 * once stored; a record that is not an entry goes to the DLQ and ingest_rejects like any other.
 */
@Injectable()
export class AuditConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AuditConsumer.name);
  private readonly consumer: GroupConsumer;

  constructor(
    @Inject(EVENT_BUS) private readonly bus: EventBus,
    env: IngestEnv,
    @Inject(AUDIT_STORE) audit: AuditStore,
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(DEAD_LETTER_PUBLISHER) deadLetters: DeadLetterPublisher,
    @InjectMetric(METRIC.recordsRejected.name) rejectedTotal: Counter,
  ) {
    this.consumer = bus.groupConsumer(
      {
        groupId: `${env.INGEST_GROUP_ID}-audit`,
        topics: [ACCESS_AUDIT_TOPIC],
        fromBeginning: true,
        minBytes: 1,
        maxWaitMs: env.INGEST_BATCH_MAX_WAIT_MS,
        maxBytesPerPartition: env.INGEST_BATCH_MAX_BYTES_PER_PARTITION,
        partitionsConsumedConcurrently: 1,
        retryInitialMs: env.INGEST_RETRY_INITIAL_MS,
        retryMaxMs: env.INGEST_RETRY_MAX_MS,
        sessionTimeoutMs: env.INGEST_SESSION_TIMEOUT_MS,
      },
      async (records: ConsumedRecord[]) => {
        const { rows, rejects } = decideAuditRecords(records, new Date());
        await audit.insertAuditRows(rows);
        if (rejects.length > 0) {
          await deadLetters.publish(rejects);
          await store.insertRejects(rejects);
          for (const r of rejects) rejectedTotal.inc({ code: r.rejection.code });
          this.logger.warn(`${rejects.length} audit records dead-lettered: ${rejects[0].rejection.reason}`);
        }
      },
    );
  }

  health(): ConsumerHealth {
    return this.consumer.health();
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.bus.ensureTopics([ACCESS_AUDIT_TOPIC, dlqTopic(ACCESS_AUDIT_TOPIC)]);
    await this.consumer.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer.stop();
  }
}
