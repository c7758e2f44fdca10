import { Module } from '@nestjs/common';
import { loadEnv } from '@libs/platform';
import { IngestEnv } from '../ingest.env';
import { EVENT_PUBLISHER } from './event-publisher.port';
import { HttpIngestController } from './http-ingest.controller';
import { HttpIngestEnv } from './http-ingest.env';
import { HttpIngestService } from './http-ingest.service';
import { KafkaEventPublisher } from './kafka-event.publisher';

/** POST /api/v1/events: envelopes over HTTP onto the source topics; KafkaModule comes from the app. */
@Module({
  controllers: [HttpIngestController],
  providers: [
    { provide: IngestEnv, useFactory: () => loadEnv(IngestEnv) },
    { provide: HttpIngestEnv, useFactory: () => loadEnv(HttpIngestEnv) },
    { provide: EVENT_PUBLISHER, useClass: KafkaEventPublisher },
    HttpIngestService,
  ],
})
export class HttpIngestModule {}
