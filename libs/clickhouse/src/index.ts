export { ClickHouseModule } from './clickhouse.module';
export { ClickHouseConnection } from './clickhouse.connection';
export { ClickHouseEnv } from './clickhouse.env';
export { createClickHouseClient, type ClickHouseClient } from './clickhouse-client';
export { migrate, missingMigrations, type MigrationReport } from './schema/migrate';
export { SchemaMissingError } from './schema/schema-check';
export { MIGRATIONS } from './schema/migrations';
export { sourceTablesMigration } from './schema/source-tables';
export { TABLES, rawEventsTable } from './schema/tables';
export type { Migration } from './schema/migration';
export {
  SqlFragment,
  dateTimeLiteral,
  identifier,
  numberLiteral,
  sql,
  stringLiteral,
  type SqlValue,
} from './sql/sql';
