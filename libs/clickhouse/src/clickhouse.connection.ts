import type { OnApplicationShutdown } from '@nestjs/common';
import type { ClickHouseClient } from '@clickhouse/client';
import { createClickHouseClient } from './clickhouse-client';
import type { ClickHouseEnv } from './clickhouse.env';

/** The process's one ClickHouse client. It runs no DDL: only ingest's SchemaMigrator does. */
export class ClickHouseConnection implements OnApplicationShutdown {
  readonly client: ClickHouseClient;

  constructor(readonly env: ClickHouseEnv) {
    this.client = createClickHouseClient(env);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client.close();
  }
}
