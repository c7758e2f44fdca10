import { identifier, sql, stringLiteral } from '../sql/sql';
import type { AnalyticsStore } from '../store/analytics-store';
import { TABLES } from './tables';
import type { Migration } from './migration';

export interface MigrationReport {
  applied: string[];
  alreadyApplied: string[];
}

async function readApplied(store: AnalyticsStore): Promise<Set<string>> {
  const rs = await store.query({
    query: `SELECT id FROM ${TABLES.schemaMigrations}`,
    format: 'JSONEachRow',
  });
  const rows = await rs.json<{ id: string }>();
  return new Set(rows.map((r) => r.id));
}

/**
 * Creates the database if needed and applies, in order, the migrations not yet recorded in
 * `schema_migrations`. `store` must be on the target database; `admin` on any existing one.
 */
export async function migrate(
  admin: AnalyticsStore,
  store: AnalyticsStore,
  database: string,
  migrations: readonly Migration[],
): Promise<MigrationReport> {
  await admin.command({ query: sql`CREATE DATABASE IF NOT EXISTS ${identifier(database)}`.text });
  await store.command({
    query: `CREATE TABLE IF NOT EXISTS ${TABLES.schemaMigrations} (id String, applied_at DateTime) ENGINE = MergeTree() ORDER BY id`,
  });
  const applied = await readApplied(store);
  const report: MigrationReport = { applied: [], alreadyApplied: [] };
  for (const migration of migrations) {
    if (applied.has(migration.id)) {
      report.alreadyApplied.push(migration.id);
      continue;
    }
    for (const statement of migration.statements) await store.command({ query: statement });
    await store.command({
      query: `INSERT INTO ${TABLES.schemaMigrations} (id, applied_at) VALUES (${stringLiteral(migration.id)}, now())`,
    });
    report.applied.push(migration.id);
  }
  return report;
}

/**
 * The migrations of `migrations` that `database` has not applied, all of them when it has no
 * schema yet. `admin` points at any existing database, so a missing one is reported, not an error.
 */
export async function missingMigrations(
  admin: AnalyticsStore,
  database: string,
  migrations: readonly Migration[],
): Promise<string[]> {
  const tables = await admin.query({
    query:
      sql`SELECT count() AS n FROM system.tables WHERE database = ${database} AND name = ${TABLES.schemaMigrations}`
        .text,
    format: 'JSONEachRow',
  });
  const [{ n }] = await tables.json<{ n: number | string }>();
  if (Number(n) === 0) return migrations.map((m) => m.id);
  const rs = await admin.query({
    query: sql`SELECT id FROM ${identifier(database)}.${identifier(TABLES.schemaMigrations)}`.text,
    format: 'JSONEachRow',
  });
  const applied = new Set((await rs.json<{ id: string }>()).map((r) => r.id));
  return migrations.map((m) => m.id).filter((id) => !applied.has(id));
}
