import { Global, Module, type DynamicModule } from '@nestjs/common';
import { loadEnv } from '@libs/platform';
import { ClickHouseConnection } from './clickhouse.connection';
import { ClickHouseEnv } from './clickhouse.env';
import { SchemaCheck } from './schema/schema-check';
import { SchemaMigrator } from './schema/schema-migrator';

const connectionProviders = [
  { provide: ClickHouseEnv, useFactory: () => loadEnv(ClickHouseEnv) },
  {
    provide: ClickHouseConnection,
    useFactory: (env: ClickHouseEnv) => new ClickHouseConnection(env),
    inject: [ClickHouseEnv],
  },
];

/** The ClickHouse connection for readers: no DDL, so a read-only ClickHouse user serves. */
@Global()
@Module({ providers: connectionProviders, exports: [ClickHouseEnv, ClickHouseConnection] })
export class ClickHouseModule {
  /** For the schema's owner: the connection, and the migrations applied before anything else starts. */
  static withMigrations(): DynamicModule {
    return {
      module: ClickHouseModule,
      global: true,
      providers: [
        ...connectionProviders,
        {
          provide: SchemaMigrator,
          useFactory: (connection: ClickHouseConnection) => new SchemaMigrator(connection),
          inject: [ClickHouseConnection],
        },
      ],
      exports: [ClickHouseEnv, ClickHouseConnection],
    };
  }

  /** For an app that needs the schema but must not apply it: start-up fails when a migration is missing. */
  static requiringSchema(app: string): DynamicModule {
    return {
      module: ClickHouseModule,
      global: true,
      providers: [
        ...connectionProviders,
        {
          provide: SchemaCheck,
          useFactory: (connection: ClickHouseConnection) => new SchemaCheck(connection, app),
          inject: [ClickHouseConnection],
        },
      ],
      exports: [ClickHouseEnv, ClickHouseConnection],
    };
  }
}
