import { Global, Module } from '@nestjs/common';
import { loadEnv } from '@libs/platform';
import { ClickHouseConnection } from './clickhouse.connection';
import { ClickHouseEnv } from './clickhouse.env';

@Global()
@Module({
  providers: [
    { provide: ClickHouseEnv, useFactory: () => loadEnv(ClickHouseEnv) },
    {
      provide: ClickHouseConnection,
      useFactory: (env: ClickHouseEnv) => new ClickHouseConnection(env),
      inject: [ClickHouseEnv],
    },
  ],
  exports: [ClickHouseEnv, ClickHouseConnection],
})
export class ClickHouseModule {}
