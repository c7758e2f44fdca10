import type { OnModuleInit } from '@nestjs/common';
import { ClickHouseConnection } from '../clickhouse.connection';
import { openAnalyticsStore } from '../store/open-analytics-store';
import { missingMigrations } from './migrate';
import { MIGRATIONS } from './migrations';

export class SchemaMissingError extends Error {
  constructor(app: string, database: string, missing: readonly string[]) {
    super(
      `ClickHouse database ${database} lacks migrations this ${app} needs (${missing.join(', ')}). ` +
        `${app} applies none: the schema's owner is ingest. Start ingest on this database (CLICKHOUSE_DATABASE), ` +
        'or run its migrate command (npm run migrate, i.e. node dist/apps/ingest/main.js migrate), then start again.',
    );
    this.name = 'SchemaMissingError';
  }
}

/**
 * For an app that writes to the schema but never applies it (ioc-sync): refuses to start on a
 * database that lacks a migration of this build, instead of failing later on a missing table.
 */
export class SchemaCheck implements OnModuleInit {
  constructor(
    private readonly connection: ClickHouseConnection,
    private readonly app: string,
  ) {}

  async onModuleInit(): Promise<void> {
    const { env } = this.connection;
    const admin = openAnalyticsStore(env, 'default');
    try {
      const missing = await missingMigrations(admin, env.CLICKHOUSE_DATABASE, MIGRATIONS);
      if (missing.length > 0) throw new SchemaMissingError(this.app, env.CLICKHOUSE_DATABASE, missing);
    } finally {
      await admin.close();
    }
  }
}
