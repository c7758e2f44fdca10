import { Module } from '@nestjs/common';
import { accessProviders } from '@libs/access';
import { ClickHouseModule } from '@libs/clickhouse';
import { KafkaModule } from '@libs/kafka';
import { AdministrativeHierarchy } from '@libs/kpi';
import { loadEnv } from '@libs/platform';
import { ClickHouseEventStore } from './adapters/clickhouse-event-store.repository';
import { KafkaChangeAnnouncer } from './adapters/kafka-change.announcer';
import { KafkaDeadLetterPublisher } from './adapters/kafka-dead-letter.publisher';
import { KpiInputsBackfill } from './adapters/kpi-inputs-backfill';
import { HealthController } from './health.controller';
import { HttpIngestModule } from './http/http-ingest.module';
import { IngestConsumer } from './ingest.consumer';
import { IngestEnv } from './ingest.env';
import { IngestService } from './ingest.service';
import { ReferenceDataModule } from './reference-data.module';
import { CHANGE_ANNOUNCER, DEAD_LETTER_PUBLISHER, EVENT_STORE } from './ports/ingest-sinks.port';

@Module({
  imports: [KafkaModule, ClickHouseModule, ReferenceDataModule, HttpIngestModule],
  controllers: [HealthController],
  providers: [
    { provide: IngestEnv, useFactory: () => loadEnv(IngestEnv) },
    { provide: EVENT_STORE, useClass: ClickHouseEventStore },
    { provide: DEAD_LETTER_PUBLISHER, useClass: KafkaDeadLetterPublisher },
    { provide: CHANGE_ANNOUNCER, useClass: KafkaChangeAnnouncer },
    KpiInputsBackfill,
    IngestService,
    IngestConsumer,
    ...accessProviders({ hierarchy: AdministrativeHierarchy, keyStore: 'clickhouse' }),
  ],
})
export class IngestModule {}
