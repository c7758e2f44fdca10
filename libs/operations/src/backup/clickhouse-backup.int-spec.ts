import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localMonthRange } from '@libs/admin-units';
import {
  ClickHouseEnv,
  MIGRATIONS,
  openAnalyticsStore,
  identifier,
  migrate,
  sql,
  type AnalyticsStore,
} from '@libs/clickhouse';
import { simulateCommune } from '@libs/connector-sdk';
import { KPI_CATALOG, kpiInputRowsOfStored, type EvaluationOptions, type StoredEventRow } from '@libs/kpi';
import { ClickHouseKpiEngine, insertKpiInputRows } from '@libs/kpi-store';
import { loadEnv } from '@libs/platform';
import { report, startPrivateClickHouse, type PrivateClickHouse } from '@libs/testing';
import { backupDatabase, restoreDatabase } from './clickhouse-backup';

const DATABASE = 'coc_backup_test';
const NOW = new Date('2026-11-20T00:00:00+07:00');
const COMMUNE = '26734';
const OCTOBER = localMonthRange('2026-10');

/** Every KPI and further measure of the catalog, over the raw tables and the rollup, for two periods. */
async function everyKpi(client: AnalyticsStore): Promise<Record<string, unknown>> {
  const engines = {
    raw: new ClickHouseKpiEngine(client, { rollups: false }),
    rollup: new ClickHouseKpiEngine(client),
  };
  const periods: Record<string, EvaluationOptions> = {
    october: { unitCodes: [COMMUNE], range: OCTOBER, asOf: NOW },
    'last week of october': {
      unitCodes: [COMMUNE],
      range: { start: new Date(OCTOBER.end.getTime() - 7 * 86_400_000), end: OCTOBER.end },
      asOf: NOW,
    },
  };
  const results: Record<string, unknown> = {};
  for (const kpi of KPI_CATALOG) {
    for (const measureId of [undefined, ...(kpi.measures ?? []).map((m) => m.id)]) {
      for (const [period, options] of Object.entries(periods)) {
        for (const [name, engine] of Object.entries(engines)) {
          results[`${kpi.id}${measureId ? `/${measureId}` : ''} ${period} ${name}`] = await engine.evaluate(
            kpi,
            options,
            measureId,
          );
        }
      }
    }
  }
  return results;
}

async function rowCounts(client: AnalyticsStore): Promise<Record<string, number>> {
  const rs = await client.query({
    query:
      sql`SELECT table, sum(rows) AS n FROM system.parts WHERE database = ${DATABASE} AND active GROUP BY table ORDER BY table`
        .text,
    format: 'JSONEachRow',
  });
  return Object.fromEntries(
    (await rs.json<{ table: string; n: number | string }>()).map((r) => [r.table, Number(r.n)]),
  );
}

/** Stores events as ingest does: raw rows in their source's table, then the rollup's member rows. */
async function store(client: AnalyticsStore): Promise<number> {
  const events = simulateCommune({
    unitCode: COMMUNE,
    from: OCTOBER.start,
    to: new Date(OCTOBER.end.getTime() - 1000),
    seed: 7,
    scale: 0.5,
    now: NOW,
  });
  const ingestedAt = Math.floor(NOW.getTime() / 1000);
  const rowsBySource = new Map<string, StoredEventRow[]>();
  for (const e of events) {
    const occurredAt = Math.floor(Date.parse(e.occurredAt) / 1000);
    const row = {
      event_id: e.eventId,
      type: e.type,
      schema_version: e.schemaVersion,
      unit_code: e.unitCode,
      occurred_at: occurredAt,
      produced_at: occurredAt,
      ingested_at: ingestedAt,
      payload: JSON.stringify(e.payload),
    };
    rowsBySource.set(e.source, [...(rowsBySource.get(e.source) ?? []), row]);
  }
  for (const [source, rows] of rowsBySource) {
    await client.insert({ table: `${source}_events`, values: rows, format: 'JSONEachRow' });
    await insertKpiInputRows(
      client,
      rows.flatMap((row) => kpiInputRowsOfStored(row)),
    );
  }
  return events.length;
}

/**
 * Disaster recovery on a ClickHouse 18.16 of the test's own: a commune's month is stored,
 * every KPI computed; the database is backed up (FREEZE), dropped, and restored (detached/ +
 * ATTACH PARTITION). Every KPI, raw and rollup, and every table's row count must be as before.
 */
describe('ClickHouse backup and restore', () => {
  let clickhouse: PrivateClickHouse;
  let client: AnalyticsStore;
  let admin: AnalyticsStore;
  const target = join(mkdtempSync(join(tmpdir(), 'coc-backup-')), 'backup');

  beforeAll(async () => {
    clickhouse = await startPrivateClickHouse();
    const env = loadEnv(ClickHouseEnv, { CLICKHOUSE_URL: clickhouse.url, CLICKHOUSE_DATABASE: DATABASE });
    admin = openAnalyticsStore(env, 'default');
    client = openAnalyticsStore(env);
    await migrate(admin, client, DATABASE, MIGRATIONS);
  }, 120_000);

  afterAll(async () => {
    await client?.close();
    await admin?.close();
    await clickhouse?.destroy();
    rmSync(join(target, '..'), { recursive: true, force: true });
  });

  it('restores a destroyed database with every KPI identical', async () => {
    const stored = await store(client);
    const before = await everyKpi(client);
    const countsBefore = await rowCounts(client);
    const withData = Object.values(before).filter((r) => (r as { value: unknown }).value !== null).length;
    expect(withData).toBeGreaterThan(Object.keys(before).length / 2);

    const t0 = Date.now();
    const manifest = await backupDatabase(admin, DATABASE, target);
    const backupMs = Date.now() - t0;
    expect(readdirSync(join(clickhouse.dataPath, 'shadow')).filter((f) => f !== 'increment.txt')).toEqual([]);

    await admin.command({ query: sql`DROP DATABASE ${identifier(DATABASE)}`.text });
    await expect(everyKpi(client)).rejects.toThrow(/Database .* doesn't exist|UNKNOWN_DATABASE/);

    const t1 = Date.now();
    await restoreDatabase(admin, target);
    const restoreMs = Date.now() - t1;
    expect(await rowCounts(client)).toEqual(countsBefore);
    expect(await everyKpi(client)).toEqual(before);
    await expect(restoreDatabase(admin, target)).rejects.toThrow(/not empty/);
    report(
      `[backup] ${stored} events, ${manifest.tables.length} tables and views; backup ${backupMs} ms, restore ${restoreMs} ms; ` +
        `${Object.keys(before).length} KPI results (${withData} with a value) identical after restore`,
    );
  });
});
