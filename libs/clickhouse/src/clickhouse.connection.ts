import { Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { ClickHouseClient } from '@clickhouse/client';
import { createClickHouseClient } from './clickhouse-client';
import type { ClickHouseEnv } from './clickhouse.env';
import { migrate } from './migrations/migrate';
import { MIGRATIONS } from './migrations/migrations';

/** The process's one ClickHouse client; brings the schema up to date before the app starts serving. */
export class ClickHouseConnection implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(ClickHouseConnection.name);
  readonly client: ClickHouseClient;

  constructor(private readonly env: ClickHouseEnv) {
    this.client = createClickHouseClient(env);
  }

  async onModuleInit(): Promise<void> {
    const admin = createClickHouseClient(this.env, 'default');
    try {
      const report = await migrate(admin, this.client, this.env.CLICKHOUSE_DATABASE, MIGRATIONS);
      this.logger.log(
        `schema of ${this.env.CLICKHOUSE_DATABASE}: applied [${report.applied.join(', ')}], ${report.alreadyApplied.length} already applied`,
      );
    } finally {
      await admin.close();
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client.close();
  }
}
