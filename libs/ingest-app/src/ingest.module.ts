import { Global, Module } from '@nestjs/common';
import { accessProviders, auditProviders } from '@libs/access';
import { AdministrativeHierarchy } from '@libs/admin-units';
import { ClickHouseConnection, ClickHouseModule } from '@libs/clickhouse';
import { EventBusModule } from '@libs/event-bus';
import {
  consumerAppProbes,
  consumerCheck,
  HealthController,
  healthProbes,
  ObservabilityModule,
} from '@libs/observability';
import { RetentionEnv } from '@libs/operations';
import { loadEnv } from '@libs/platform';
import { ClickHouseEventStore } from './adapters/clickhouse-event-store.repository';
import { BusChangeAnnouncer } from './adapters/bus-change.announcer';
import { BusDeadLetterPublisher } from './adapters/bus-dead-letter.publisher';
import { KpiInputsBackfill } from './adapters/kpi-inputs-backfill';
import { AuditConsumer } from './audit/audit.consumer';
import { RetentionJob } from './housekeeping/retention.job';
import { HttpIngestEnv } from './http/http-ingest.env';
import { HttpIngestModule } from './http/http-ingest.module';
import { IngestConsumer } from './ingest.consumer';
import { IngestEnv } from './ingest.env';
import { IngestService } from './ingest.service';
import { ReferenceAdminController } from './reference/reference-admin.controller';
import { ReferenceDataModule } from '@libs/reference-data';
import { AUDIT_STORE, CHANGE_ANNOUNCER, DEAD_LETTER_PUBLISHER, EVENT_STORE } from './ports/ingest-sinks.port';

/** The app's configuration, loaded and validated once for all its modules. */
@Global()
@Module({
  providers: [
    { provide: IngestEnv, useFactory: () => loadEnv(IngestEnv) },
    { provide: HttpIngestEnv, useFactory: () => loadEnv(HttpIngestEnv) },
    { provide: RetentionEnv, useFactory: () => loadEnv(RetentionEnv) },
  ],
  exports: [IngestEnv, HttpIngestEnv, RetentionEnv],
})
class IngestEnvModule {}

@Module({
  imports: [
    ObservabilityModule.forApp('ingest'),
    IngestEnvModule,
    EventBusModule,
    ClickHouseModule.withMigrations(),
    ReferenceDataModule,
    HttpIngestModule,
  ],
  controllers: [HealthController, ReferenceAdminController],
  providers: [
    { provide: EVENT_STORE, useClass: ClickHouseEventStore },
    { provide: AUDIT_STORE, useExisting: EVENT_STORE },
    { provide: DEAD_LETTER_PUBLISHER, useClass: BusDeadLetterPublisher },
    { provide: CHANGE_ANNOUNCER, useClass: BusChangeAnnouncer },
    KpiInputsBackfill,
    IngestService,
    IngestConsumer,
    AuditConsumer,
    RetentionJob,
    // Readiness: ClickHouse answers and both consumers (events, audit) are in their groups, not retrying a failing batch.
    healthProbes(
      [ClickHouseConnection, IngestConsumer, AuditConsumer],
      (indicators, clickhouse: ClickHouseConnection, consumer: IngestConsumer, audit: AuditConsumer) => {
        const probes = consumerAppProbes(indicators, () => clickhouse.store.ping(), 'consumer', consumer);
        return {
          ...probes,
          ready: [...probes.ready, consumerCheck(indicators, 'audit', () => audit.health())],
        };
      },
    ),
    ...auditProviders('ingest'),
    ...accessProviders({
      hierarchy: AdministrativeHierarchy,
      keyStore: 'clickhouse',
      // A connector posts batches, and several of its systems may share one key.
      limits: { perPrincipal: 6_000 },
    }),
  ],
})
export class IngestModule {}
