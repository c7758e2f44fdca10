import { Controller, Get, Headers } from '@nestjs/common';
import { HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import type { IncomingHttpHeaders } from 'node:http';
import { Authenticator, Public } from '@libs/access';
import { ClickHouseConnection } from '@libs/clickhouse';
import { answerHealth, consumerCheck, pingCheck, progressCheck } from '@libs/observability';
import { AuditConsumer } from './audit/audit.consumer';
import { IngestConsumer } from './ingest.consumer';

/** Probes answer anyone up or down (orchestrators present no credential); details only to an admin. */
@Controller('health')
@Public()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly consumer: IngestConsumer,
    private readonly audit: AuditConsumer,
    private readonly clickhouse: ClickHouseConnection,
    private readonly authenticator: Authenticator,
  ) {}

  /** Readiness: ClickHouse answers and both consumers (events, audit) are in their groups, not retrying a failing batch. */
  @Get(['', 'ready'])
  async ready(@Headers() headers: IncomingHttpHeaders) {
    return answerHealth(
      this.health,
      [
        pingCheck(this.indicators, 'clickhouse', () => this.clickhouse.client.ping()),
        consumerCheck(this.indicators, 'consumer', () => this.consumer.health()),
        consumerCheck(this.indicators, 'audit', () => this.audit.health()),
      ],
      await this.detailed(headers),
    );
  }

  /** Liveness: the consumer group advances wherever it has lag. */
  @Get('live')
  async live(@Headers() headers: IncomingHttpHeaders) {
    return answerHealth(
      this.health,
      [progressCheck(this.indicators, 'progress', this.consumer.progress)],
      await this.detailed(headers),
    );
  }

  private async detailed(headers: IncomingHttpHeaders): Promise<boolean> {
    return (await this.authenticator.principalOf(headers))?.role === 'admin';
  }
}
