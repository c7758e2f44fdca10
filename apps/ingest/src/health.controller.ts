import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { Public } from '@libs/access';
import type { ConsumerHealth } from '@libs/kafka';
import { IngestConsumer } from './ingest.consumer';

@Controller('health')
export class HealthController {
  constructor(private readonly consumer: IngestConsumer) {}

  /** 200 while batches flow; 503 while a batch is being retried (ClickHouse or Kafka unavailable). */
  @Get()
  @Public()
  check(): { status: 'ok'; consumer: ConsumerHealth } {
    const consumer = this.consumer.health();
    if (consumer.state !== 'consuming')
      throw new ServiceUnavailableException({ status: 'unhealthy', consumer });
    return { status: 'ok', consumer };
  }
}
