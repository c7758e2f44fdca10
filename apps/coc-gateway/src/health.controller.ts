import { Controller, Get, Headers } from '@nestjs/common';
import { HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import type { IncomingHttpHeaders } from 'node:http';
import { Authenticator, Public } from '@libs/access';
import { ClickHouseConnection } from '@libs/clickhouse';
import { answerHealth, consumerCheck, pingCheck, progressCheck } from '@libs/observability';
import { KpiChangesConsumer } from './live/kpi-changes.consumer';

/** Probes answer anyone up or down (orchestrators present no credential); details only to an admin. */
@Controller('health')
@Public()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly changes: KpiChangesConsumer,
    private readonly clickhouse: ClickHouseConnection,
    private readonly authenticator: Authenticator,
  ) {}

  /** Readiness: ClickHouse answers KPI queries and live updates flow (the notice consumer joined its group). */
  @Get(['', 'ready'])
  async ready(@Headers() headers: IncomingHttpHeaders) {
    return answerHealth(
      this.health,
      [
        pingCheck(this.indicators, 'clickhouse', () => this.clickhouse.client.ping()),
        consumerCheck(this.indicators, 'changes', () => this.changes.health()),
      ],
      await this.detailed(headers),
    );
  }

  /** Liveness: the change-notice consumer advances wherever it has lag. */
  @Get('live')
  async live(@Headers() headers: IncomingHttpHeaders) {
    return answerHealth(
      this.health,
      [progressCheck(this.indicators, 'progress', this.changes.progress)],
      await this.detailed(headers),
    );
  }

  private async detailed(headers: IncomingHttpHeaders): Promise<boolean> {
    return (await this.authenticator.principalOf(headers))?.role === 'admin';
  }
}
