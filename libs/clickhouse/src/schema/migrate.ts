import type { ClickHouseClient } from '@clickhouse/client';
import { identifier, sql, stringLiteral } from '../sql/sql';
import { TABLES } from './tables';
import type { Migration } from './migration';

export interface MigrationReport {
  applied: string[];
  alreadyApplied: string[];
}

async function readApplied(client: ClickHouseClient): Promise<Set<string>> {
  const rs = await client.query({
    query: `SELECT id FROM ${TABLES.schemaMigrations}`,
    format: 'JSONEachRow',
  });
  const rows = await rs.json<{ id: string }>();
  return new Set(rows.map((r) => r.id));
}

/**
 * Creates the database if needed and applies, in order, the migrations not yet recorded in
 * `schema_migrations`. `client` must point at the target database; `admin` at any existing one.
 */
export async function migrate(
  admin: ClickHouseClient,
  client: ClickHouseClient,
  database: string,
  migrations: readonly Migration[],
): Promise<MigrationReport> {
  await admin.command({ query: sql`CREATE DATABASE IF NOT EXISTS ${identifier(database)}`.text });
  await client.command({
    query: `CREATE TABLE IF NOT EXISTS ${TABLES.schemaMigrations} (id String, applied_at DateTime) ENGINE = MergeTree() ORDER BY id`,
  });
  const applied = await readApplied(client);
  const report: MigrationReport = { applied: [], alreadyApplied: [] };
  for (const migration of migrations) {
    if (applied.has(migration.id)) {
      report.alreadyApplied.push(migration.id);
      continue;
    }
    for (const statement of migration.statements) await client.command({ query: statement });
    await client.command({
      query: `INSERT INTO ${TABLES.schemaMigrations} (id, applied_at) VALUES (${stringLiteral(migration.id)}, now())`,
    });
    report.applied.push(migration.id);
  }
  return report;
}
