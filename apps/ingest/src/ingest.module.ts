import { Module } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { ClickHouseModule } from '@libs/clickhouse';
import { KafkaModule } from '@libs/kafka';
import { AdministrativeHierarchy, HierarchyEnv, loadHierarchy } from '@libs/kpi';
import { loadEnv } from '@libs/platform';
import { ClickHouseEventStore } from './adapters/clickhouse-event-store.repository';
import { KafkaChangeAnnouncer } from './adapters/kafka-change.announcer';
import { KafkaDeadLetterPublisher } from './adapters/kafka-dead-letter.publisher';
import { HealthController } from './health.controller';
import { HttpIngestModule } from './http/http-ingest.module';
import { IngestConsumer } from './ingest.consumer';
import { IngestEnv } from './ingest.env';
import { IngestService } from './ingest.service';
import { CHANGE_ANNOUNCER, DEAD_LETTER_PUBLISHER, EVENT_STORE } from './ports/ingest-sinks.port';

@Module({
  imports: [KafkaModule, ClickHouseModule, HttpIngestModule],
  controllers: [HealthController],
  providers: [
    { provide: IngestEnv, useFactory: () => loadEnv(IngestEnv) },
    {
      provide: AdministrativeHierarchy,
      useFactory: () => loadHierarchy(loadEnv(HierarchyEnv), (path) => readFileSync(path, 'utf8')),
    },
    { provide: EVENT_STORE, useClass: ClickHouseEventStore },
    { provide: DEAD_LETTER_PUBLISHER, useClass: KafkaDeadLetterPublisher },
    { provide: CHANGE_ANNOUNCER, useClass: KafkaChangeAnnouncer },
    IngestService,
    IngestConsumer,
  ],
})
export class IngestModule {}
