import { Controller, Get } from '@nestjs/common';
import { HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { ClickHouseConnection } from '@libs/clickhouse';
import { answerHealth, consumerCheck, pingCheck, progressCheck } from '@libs/observability';
import { KpiChangesConsumer } from './live/kpi-changes.consumer';

@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly changes: KpiChangesConsumer,
    private readonly clickhouse: ClickHouseConnection,
  ) {}

  /** Readiness: ClickHouse answers KPI queries and live updates flow (the notice consumer joined its group). */
  @Get(['', 'ready'])
  ready() {
    return answerHealth(
      this.health,
      [
        pingCheck(this.indicators, 'clickhouse', () => this.clickhouse.client.ping()),
        consumerCheck(this.indicators, 'changes', () => this.changes.health()),
      ],
      true,
    );
  }

  /** Liveness: the change-notice consumer advances wherever it has lag. */
  @Get('live')
  live() {
    return answerHealth(
      this.health,
      [progressCheck(this.indicators, 'progress', this.changes.progress)],
      true,
    );
  }
}
