import { Histogram } from 'prom-client';
import {
  ClickHouseConnection,
  TABLES,
  identifier,
  rawEventsTable,
  sql,
  type AnalyticsStore,
} from '@libs/clickhouse';
import { SOURCE_IDS, type AccessAuditV1 } from '@libs/contracts';
import { kpiInputRowsOfStored } from '@libs/kpi';
import { applyRetention } from '@libs/operations';
import {
  KPI_SCENARIOS,
  closeEngine,
  migrateEngine,
  openEmbeddedEngine,
  openServerEngine,
  type EngineUnderTest,
} from '@libs/testing';
import { ClickHouseEventStore } from '../src/adapters/clickhouse-event-store.repository';
import { auditRowOf } from '../src/audit/audit-rows';
import type { IngestEnv } from '../src/ingest.env';
import type { RejectedRecord } from '../src/pipeline/ingest-record';
import type { RawEventRow } from '../src/pipeline/steps/to-raw-event-row.step';
import { StorageRejectedError } from '../src/ports/storage-rejected.error';

/**
 * Rows are read with FINAL: when each engine merges is its own affair, the merged answer is not.
 *
 * The dialect test of ingest's SQL: the raw and member rows, rejects and audit entries written
 * through ingest's own ClickHouse adapter, then one retention run (DROP PARTITION and the rejects'
 * ALTER … DELETE), on the ClickHouse 18.16 server and on chDB from the same data: the same answers.
 */
const seconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);
const EVENTS = KPI_SCENARIOS.flatMap((s, i) =>
  s.events.map((e) => ({ ...e, eventId: `s${i}-${e.eventId}` })),
);
const INGESTED_AT = Math.max(...EVENTS.map((e) => seconds(e.occurredAt))) + 60;
const ROWS: RawEventRow[] = EVENTS.map((e) => ({
  event_id: e.eventId,
  type: e.type,
  schema_version: 1,
  unit_code: e.unitCode,
  occurred_at: seconds(e.occurredAt),
  produced_at: seconds(e.occurredAt),
  ingested_at: INGESTED_AT,
  payload: JSON.stringify(e.payload),
}));
const REJECT_RAW_CAP = 16;
const REJECTS: RejectedRecord[] = ['1', '2'].map((offset) => ({
  origin: { topic: 'coc.onestop.v1', partition: 1, offset },
  key: null,
  value: Buffer.from(`{"not": "an envelope", "offset": ${offset}, "tiếng": "Việt"}`),
  rejection: { code: 'invalid_payload', reason: `bad record ${offset}` },
}));
const AUDIT: AccessAuditV1 = {
  id: '0b7f2a4e-6c1d-4f8e-9a3b-5d2c1e0f4a7b',
  at: '2026-11-20T02:15:04.512Z',
  app: 'coc-gateway',
  channel: 'http',
  principalId: 'viewer-district-248',
  role: 'viewer',
  scope: ['248'],
  address: '10.0.0.7',
  action: 'GET /api/v1/units/:unitCode/kpis/:kpiId',
  unitCodes: ['26740', '26734'],
  kpiIds: ['k1', 'k2'],
  periodName: '',
  periodFrom: '2025-06-10',
  periodTo: '2025-06-10',
  asOf: '',
  outcome: '403',
  status: 403,
  detail: 'unit 26740 is outside the scope of viewer-district-248',
};
/** A year after the newest event, with limits that drop some months of each kind and every reject. */
const RETENTION_NOW = new Date((INGESTED_AT + 365 * 86_400) * 1000);
const POLICY = { rawEventsDays: 400, rollupDays: 500, rejectsDays: 0, auditDays: 300 };
const ALL_REJECTS = { ...POLICY, rejectsDays: 1 };

async function rows<T>(store: AnalyticsStore, query: string): Promise<T[]> {
  return (await store.query({ query, format: 'JSONEachRow' })).json<T>();
}

async function contents(store: AnalyticsStore) {
  const raw: Record<string, unknown[]> = {};
  for (const source of SOURCE_IDS)
    raw[source] = await rows(
      store,
      sql`SELECT event_id, type, schema_version, unit_code, toUnixTimestamp(occurred_at) AS occurred_at,
  toUnixTimestamp(ingested_at) AS ingested_at, payload
FROM ${identifier(rawEventsTable(source))} FINAL ORDER BY event_id`.text,
    );
  const counts: Record<string, unknown> = {};
  for (const table of [
    TABLES.kpiInputMembers,
    TABLES.kpiInputHourly,
    TABLES.kpiInputDaily,
    TABLES.eventCountsHourly,
    TABLES.ingestRejects,
  ])
    counts[table] = (
      await rows<{ n: number }>(store, `SELECT count() AS n FROM ${identifier(table).text} FINAL`)
    )[0].n;
  return {
    raw,
    counts,
    rejects: await rows(
      store,
      sql`SELECT topic, partition, offset, reject_code, reason, raw, raw_bytes FROM ${identifier(TABLES.ingestRejects)} FINAL
ORDER BY offset`.text,
    ),
    audit: await rows(
      store,
      sql`SELECT id, unit_code, toUnixTimestamp(at) AS at, app, channel, principal_id, role, scope, address, action,
  unit_codes, kpi_ids, period_from, period_to, outcome, status, detail, toUnixTimestamp(stored_at) AS stored_at
FROM ${identifier(TABLES.accessAudit)} FINAL ORDER BY id`.text,
    ),
  };
}

async function answersOf(engine: EngineUnderTest) {
  const histogram = new Histogram({
    name: 'dialect_insert_seconds',
    help: 'unused',
    labelNames: ['table'],
    registers: [],
  });
  const store = new ClickHouseEventStore(
    { store: engine.store } as ClickHouseConnection,
    { INGEST_REJECT_RAW_MAX_BYTES: REJECT_RAW_CAP } as IngestEnv,
    histogram,
  );
  for (const source of SOURCE_IDS) {
    const bySource = ROWS.filter((r, i) => EVENTS[i].source === source);
    // Twice: a redelivered batch is one row per event after merging (read with FINAL), on either engine.
    await store.insertEvents(source, bySource);
    await store.insertEvents(source, bySource);
  }
  await store.insertKpiInputs(ROWS.flatMap((r) => kpiInputRowsOfStored(r)));
  await store.insertRejects(REJECTS);
  const storedAt = new Date((INGESTED_AT + 1) * 1000);
  await store.insertAuditRows([auditRowOf(AUDIT, storedAt)]);
  await store.insertAuditRows([
    auditRowOf(AUDIT, storedAt),
    auditRowOf({ ...AUDIT, id: 'second' }, storedAt),
  ]);
  const refused = await store
    .insertEvents('onestop', [{ ...ROWS[0], occurred_at: 'not a time' as unknown as number }])
    .catch((error: unknown) => error);
  const before = await contents(engine.store);
  const kept = await applyRetention(engine.store, engine.database, POLICY, RETENTION_NOW);
  const afterKept = await contents(engine.store);
  const purged = await applyRetention(engine.store, engine.database, ALL_REJECTS, RETENTION_NOW);
  return {
    refused: refused instanceof StorageRejectedError ? 'refused as data' : String(refused),
    before,
    kept: { ...kept, dropped: kept.dropped.map((p) => `${p.table}:${p.partition}`).sort() },
    afterKept,
    purged: { ...purged, dropped: purged.dropped.map((p) => `${p.table}:${p.partition}`).sort() },
    afterPurged: await contents(engine.store),
  };
}

describe("ingest's SQL on ClickHouse 18.16 and on chDB", () => {
  let engines: EngineUnderTest[];
  beforeAll(async () => {
    engines = [openServerEngine('ingest_dialect'), openEmbeddedEngine('ingest_dialect')];
    await Promise.all(engines.map(migrateEngine));
  });
  afterAll(() => Promise.all(engines.map(closeEngine)));

  it('stores events, members, rejects and audit entries, and applies retention alike', async () => {
    const [server, embedded] = await Promise.all(engines.map(answersOf));
    expect(embedded).toEqual(server);
    expect(server.refused).toBe('refused as data');
    expect(Object.values(server.before.raw).flat()).toHaveLength(
      new Set(EVENTS.map((e) => `${e.source}/${e.eventId}`)).size,
    );
    expect(Number(server.before.counts[TABLES.kpiInputMembers])).toBeGreaterThan(0);
    expect(server.before.rejects).toMatchObject(
      REJECTS.map((r) => ({
        offset: Number(r.origin.offset),
        raw: r.value!.subarray(0, REJECT_RAW_CAP).toString('utf8'),
      })),
    );
    expect(server.before.audit).toHaveLength(2);
    expect(server.kept.dropped.length).toBeGreaterThan(0);
    expect(server.kept.rejectsDeleted).toBe(0);
    expect(server.purged.rejectsDeleted).toBe(REJECTS.length);
    expect(server.afterPurged.counts[TABLES.ingestRejects]).toBe(0);
  }, 120_000);
});
