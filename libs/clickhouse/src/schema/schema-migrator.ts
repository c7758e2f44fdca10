import { Logger, type OnModuleInit } from '@nestjs/common';
import { ClickHouseConnection } from '../clickhouse.connection';
import { openAnalyticsStore } from '../store/open-analytics-store';
import { migrate } from './migrate';
import { MIGRATIONS } from './migrations';

/**
 * Brings the schema up to date before the app starts serving. Only the schema's owner (ingest, or
 * its `migrate` command) provides this; readers such as coc-gateway never run DDL.
 */
export class SchemaMigrator implements OnModuleInit {
  private readonly logger = new Logger(SchemaMigrator.name);

  constructor(private readonly connection: ClickHouseConnection) {}

  async onModuleInit(): Promise<void> {
    const { env, store } = this.connection;
    const admin = openAnalyticsStore(env, 'default');
    try {
      const report = await migrate(admin, store, env.CLICKHOUSE_DATABASE, MIGRATIONS);
      this.logger.log(
        `schema of ${env.CLICKHOUSE_DATABASE}: applied [${report.applied.join(', ')}], ${report.alreadyApplied.length} already applied`,
      );
    } finally {
      await admin.close();
    }
  }
}
