import { Module } from '@nestjs/common';
import { EVENT_PUBLISHER } from './event-publisher.port';
import { HttpIngestController } from './http-ingest.controller';
import { HttpIngestService } from './http-ingest.service';
import { BusEventPublisher } from './bus-event.publisher';

/**
 * POST /api/v1/events: envelopes over HTTP onto the source topics; EventBusModule, the env classes
 * and access control (a connector key) come from the app.
 */
@Module({
  controllers: [HttpIngestController],
  providers: [{ provide: EVENT_PUBLISHER, useClass: BusEventPublisher }, HttpIngestService],
})
export class HttpIngestModule {}
