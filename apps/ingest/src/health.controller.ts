import { Controller, Get } from '@nestjs/common';
import { HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { ClickHouseConnection } from '@libs/clickhouse';
import { answerHealth, consumerCheck, pingCheck, progressCheck } from '@libs/observability';
import { IngestConsumer } from './ingest.consumer';

@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly consumer: IngestConsumer,
    private readonly clickhouse: ClickHouseConnection,
  ) {}

  /** Readiness: ClickHouse answers and the consumer is in its group, not retrying a failing batch. */
  @Get(['', 'ready'])
  ready() {
    return answerHealth(
      this.health,
      [
        pingCheck(this.indicators, 'clickhouse', () => this.clickhouse.client.ping()),
        consumerCheck(this.indicators, 'consumer', () => this.consumer.health()),
      ],
      true,
    );
  }

  /** Liveness: the consumer group advances wherever it has lag. */
  @Get('live')
  live() {
    return answerHealth(
      this.health,
      [progressCheck(this.indicators, 'progress', this.consumer.progress)],
      true,
    );
  }
}
