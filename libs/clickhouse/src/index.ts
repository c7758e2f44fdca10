export { ClickHouseModule } from './clickhouse.module';
export { ClickHouseConnection } from './clickhouse.connection';
export { ClickHouseEnv } from './clickhouse.env';
export type {
  AnalyticsStore,
  AnalyticsQuery,
  AnalyticsResult,
  AnalyticsInsert,
  AnalyticsFormat,
} from './store/analytics-store';
export { PORTABLE_SETTINGS } from './store/portable-settings';
export { openServerStore, type ServerStoreOptions } from './store/server-analytics-store';
export { openEmbeddedStore, type EmbeddedStoreOptions } from './store/embedded-analytics-store';
export { openAnalyticsStore, analyticsDirectory, analyticsEngineOf } from './store/open-analytics-store';
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
