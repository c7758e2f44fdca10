export { ClickHouseModule } from './clickhouse.module';
export { ClickHouseConnection } from './clickhouse.connection';
export { ClickHouseEnv } from './clickhouse.env';
export { createClickHouseClient, type ClickHouseClient } from './clickhouse-client';
export { migrate, type MigrationReport } from './migrations/migrate';
export { MIGRATIONS, rawEventsTable } from './migrations/migrations';
export type { Migration } from './migrations/migration';
export {
  SqlFragment,
  dateTimeLiteral,
  identifier,
  numberLiteral,
  sql,
  stringLiteral,
  type SqlValue,
} from './sql/sql';
