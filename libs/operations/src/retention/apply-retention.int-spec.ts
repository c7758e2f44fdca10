import {
  ClickHouseEnv,
  MIGRATIONS,
  TABLES,
  openAnalyticsStore,
  identifier,
  migrate,
  sql,
  type AnalyticsStore,
} from '@libs/clickhouse';
import { DossierReceived, exampleEnvelope } from '@libs/contracts';
import { kpiInputRowsOfStored, type StoredEventRow } from '@libs/kpi';
import { insertKpiInputRows } from '@libs/kpi-store';
import { loadEnv } from '@libs/platform';
import { report, testServices, uniqueTestId } from '@libs/testing';
import { applyRetention } from './apply-retention';

const NOW = new Date('2026-12-01T03:00:00Z');
const POLICY = { rawEventsDays: 365, rollupDays: 730, rejectsDays: 90, auditDays: 0 };
const DAY = 86_400_000;
/** Local months with events; 365 days before NOW is 2025-12-01 10:00 local, 730 days 2024-12-01 10:00. */
const MONTHS = ['2024-09', '2025-03', '2025-11', '2025-12', '2026-11'];
const ROLLUP_TABLES = [
  TABLES.eventCountsHourly,
  TABLES.kpiInputMembers,
  TABLES.kpiInputHourly,
  TABLES.kpiInputDaily,
];

function dossierRow(month: string, n: number): StoredEventRow & Record<string, unknown> {
  // The 1st at 00:30 local (the straddling month's first hours are older than the limit) and the 28th.
  const day = n % 2 === 0 ? '01T00:30:00' : '28T12:00:00';
  const occurredAt = `${month}-${day}+07:00`;
  const e = exampleEnvelope(DossierReceived, { eventId: `d-${month}-${n}`, occurredAt, unitCode: '26734' });
  const seconds = Math.floor(Date.parse(occurredAt) / 1000);
  return {
    event_id: e.eventId,
    type: e.type,
    schema_version: 1,
    unit_code: e.unitCode,
    occurred_at: seconds,
    produced_at: seconds,
    ingested_at: seconds,
    payload: JSON.stringify({ ...e.payload, dossierId: `HS-${month}-${n}` }),
  };
}

/**
 * Retention on a database of the test's own: events in five local months, rollups derived from
 * them, rejects of two ages. One run must drop exactly the raw months that ended before 365 days
 * ago, the rollup months before 730 days, the rejects before 90 days, and leave everything else.
 */
describe('retention', () => {
  const database = uniqueTestId('retention');
  let client: AnalyticsStore;
  let admin: AnalyticsStore;

  const ids = async (table: string): Promise<string[]> =>
    (
      await (
        await client.query({
          query: sql`SELECT event_id FROM ${identifier(table)} ORDER BY event_id`.text,
          format: 'JSONEachRow',
        })
      ).json<{ event_id: string }>()
    ).map((r) => r.event_id);
  const partitions = async (table: string): Promise<string[]> =>
    (
      await (
        await client.query({
          query:
            sql`SELECT DISTINCT partition_id FROM system.parts WHERE database = ${database} AND table = ${table} AND active ORDER BY partition_id`
              .text,
          format: 'JSONEachRow',
        })
      ).json<{ partition_id: string }>()
    ).map((r) => r.partition_id);

  beforeAll(async () => {
    const env = loadEnv(ClickHouseEnv, {
      CLICKHOUSE_URL: testServices().clickhouseUrl,
      CLICKHOUSE_DATABASE: database,
    });
    admin = openAnalyticsStore(env, 'default');
    client = openAnalyticsStore(env);
    await migrate(admin, client, database, MIGRATIONS);
    const rows = MONTHS.flatMap((month) => [0, 1, 2, 3].map((n) => dossierRow(month, n)));
    await client.insert({ table: 'onestop_events', values: rows, format: 'JSONEachRow' });
    await insertKpiInputRows(
      client,
      rows.flatMap((row) => kpiInputRowsOfStored(row)),
    );
    const reject = (offset: number, ageDays: number) => ({
      topic: 'coc.onestop.events.v1',
      partition: 0,
      offset,
      reject_code: 'invalid_json',
      reason: 'test',
      raw: '{',
      raw_bytes: 1,
      rejected_at: Math.floor((NOW.getTime() - ageDays * DAY) / 1000),
    });
    await client.insert({
      table: TABLES.ingestRejects,
      values: [reject(1, 120), reject(2, 91), reject(3, 89), reject(4, 1)],
      format: 'JSONEachRow',
    });
  });

  afterAll(async () => {
    await admin.command({ query: sql`DROP DATABASE IF EXISTS ${identifier(database)}`.text });
    await admin.close();
    await client.close();
  });

  it('drops only what is older than each limit', async () => {
    const rollupsBefore = await Promise.all(ROLLUP_TABLES.map(partitions));
    expect(rollupsBefore).toEqual(
      ROLLUP_TABLES.map(() => ['202409', '202503', '202511', '202512', '202611']),
    );

    const first = await applyRetention(client, database, POLICY, NOW);

    expect(await partitions('onestop_events')).toEqual(['202512', '202611']);
    // Their arrivals (filled by the raw table's view) go with them.
    expect(await partitions(TABLES.eventArrivals)).toEqual(['202512', '202611']);
    expect(await ids('onestop_events')).toEqual(
      ['2025-12', '2026-11'].flatMap((m) => [0, 1, 2, 3].map((n) => `d-${m}-${n}`)).sort(),
    );
    for (const table of ROLLUP_TABLES)
      expect(await partitions(table)).toEqual(['202503', '202511', '202512', '202611']);
    const [kept] = await (
      await client.query({
        query: `SELECT groupArray(offset) AS offsets FROM ${TABLES.ingestRejects}`,
        format: 'JSONEachRow',
      })
    ).json<{ offsets: number[] }>();
    expect([...kept.offsets].sort()).toEqual([3, 4]);
    expect(first.rejectsDeleted).toBe(2);
    expect(first.dropped.map((p) => `${p.table}:${p.partition}`).sort()).toEqual(
      [
        'onestop_events:202409',
        'onestop_events:202503',
        'onestop_events:202511',
        ...['202409', '202503', '202511'].map((m) => `${TABLES.eventArrivals}:${m}`),
        ...ROLLUP_TABLES.map((t) => `${t}:202409`),
      ].sort(),
    );

    const again = await applyRetention(client, database, POLICY, NOW);
    expect(again).toEqual({ dropped: [], rejectsDeleted: 0 });
    report(
      `[retention] dropped ${first.dropped.length} month partitions and ${first.rejectsDeleted} rejects; a second run drops nothing`,
    );
  });
});
