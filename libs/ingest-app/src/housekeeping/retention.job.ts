import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import type { Counter, Gauge } from 'prom-client';
import { ClickHouseConnection, ClickHouseEnv } from '@libs/clickhouse';
import { METRIC } from '@libs/observability';
import { RetentionEnv, applyRetention, retentionPolicyOf, type RetentionReport } from '@libs/operations';

const FIRST_RUN_DELAY_MS = 60_000;

/** ClickHouse 18.16 has no TTL: ingest drops what is older than the configured limits, periodically. */
@Injectable()
export class RetentionJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RetentionJob.name);
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly connection: ClickHouseConnection,
    private readonly clickhouse: ClickHouseEnv,
    private readonly env: RetentionEnv,
    @InjectMetric(METRIC.retentionPartitionsDropped.name) private readonly dropped: Counter,
    @InjectMetric(METRIC.retentionLastRun.name) private readonly lastSuccess: Gauge,
  ) {}

  onApplicationBootstrap(): void {
    const schedule = (ms: number) => {
      this.timer = setTimeout(() => {
        void this.runLogged().finally(() => schedule(this.env.RETENTION_INTERVAL_MS));
      }, ms);
    };
    schedule(Math.min(FIRST_RUN_DELAY_MS, this.env.RETENTION_INTERVAL_MS));
  }

  onApplicationShutdown(): void {
    clearTimeout(this.timer);
  }

  async run(now = new Date()): Promise<RetentionReport> {
    const report = await applyRetention(
      this.connection.store,
      this.clickhouse.CLICKHOUSE_DATABASE,
      retentionPolicyOf(this.env),
      now,
    );
    for (const p of report.dropped) this.dropped.inc({ table: p.table });
    this.lastSuccess.setToCurrentTime();
    this.logger.log({
      msg: 'retention run',
      dropped: report.dropped.map((p) => `${p.table}:${p.partition}`),
      rejectsDeleted: report.rejectsDeleted,
    });
    return report;
  }

  /** A failed run is retried at the next interval; the error is logged and the last-success metric ages (alerted on). */
  private async runLogged(): Promise<void> {
    try {
      await this.run();
    } catch (error) {
      this.logger.error(`retention run failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
