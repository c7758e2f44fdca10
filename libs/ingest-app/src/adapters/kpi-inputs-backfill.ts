import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { ClickHouseConnection } from '@libs/clickhouse';
import { backfillNewKpiInputs } from '@libs/kpi-store';

/**
 * At start-up, after migrations and before consuming: a KPI added to the catalog since the last
 * start gets the rollup rows of the events stored before it existed, so adding a KPI stays one
 * definition. A failure stops the start-up, like a failed migration.
 */
@Injectable()
export class KpiInputsBackfill implements OnModuleInit {
  private readonly logger = new Logger(KpiInputsBackfill.name);

  constructor(private readonly connection: ClickHouseConnection) {}

  async onModuleInit(): Promise<void> {
    const report = await backfillNewKpiInputs(this.connection.store, new Date());
    if (report.inputs.length > 0) {
      this.logger.log(
        `built the history of ${report.inputs.length} new KPI inputs: ${report.events} events, ${report.rows} rows`,
      );
    }
  }
}
