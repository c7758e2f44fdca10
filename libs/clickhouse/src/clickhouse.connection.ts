import { Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { ClickHouseEnv } from './clickhouse.env';
import type { AnalyticsStore } from './store/analytics-store';
import { analyticsDirectory, analyticsEngineOf, openAnalyticsStore } from './store/open-analytics-store';

/**
 * The process's one analytics store, on the engine the configuration selects (a ClickHouse server,
 * or the embedded engine). It runs no DDL: only ingest's SchemaMigrator does.
 */
export class ClickHouseConnection implements OnApplicationShutdown {
  readonly store: AnalyticsStore;

  constructor(readonly env: ClickHouseEnv) {
    this.store = openAnalyticsStore(env);
    new Logger(ClickHouseConnection.name).log(
      analyticsEngineOf(env) === 'server'
        ? `analytics store: ClickHouse server ${new URL(env.CLICKHOUSE_URL ?? '').host}, database ${env.CLICKHOUSE_DATABASE}`
        : `analytics store: embedded engine in ${analyticsDirectory(env)}, database ${env.CLICKHOUSE_DATABASE}`,
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
