import { createClient } from '@clickhouse/client';
import type { AnalyticsStore } from '@libs/clickhouse';
import { Workbook } from 'exceljs';
import type { Producer } from 'kafkajs';
import { IndicatorReported, exampleEnvelope, sourceTopic } from '@libs/contracts';
import {
  accessEnvFor,
  bearer,
  eventually,
  report,
  startApp,
  testKafka,
  testKey,
  testServices,
  uniqueTestId,
  type AppProcess,
} from '@libs/testing';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const KPI = 'income_per_head';
const REFRESH_MS = 1000;

interface KpiAnswer {
  kpi: {
    kpiId: string;
    origin: string;
    combine: string;
    numerator: number | null;
    denominator: number | null;
    value: number | null;
  };
}
interface RollupRow {
  unitCode: string;
  date: string;
  kpiId: string;
  combine: string;
  numerator: number | null;
  denominator: number | null;
  value: number | null;
}

/**
 * The reference-data admin API at its home in ingest (the schema's owner), against the real
 * ClickHouse store, with coc-gateway running as the read-only ClickHouse user and ioc-sync's pull
 * API beside them. Hand-checked figures, income per head (triệu đồng/người/năm, a ratio of scale 1),
 * year 2025, reported in January 2026:
 * - 26734: revision 1 90,400 / 2,000 = 45.2, then revision 2 92,000 / 2,000 = 46;
 * - 26740: 30,000 / 500 = 60;
 * - province 25: (92,000 + 30,000) / (2,000 + 500) = 48.8 — not the mean of 46 and 60 (53).
 */
describe('reference-data admin API in ingest → ClickHouse → coc-gateway and the IOC pull API', () => {
  const services = testServices();
  const id = uniqueTestId('reference_admin');
  const topicPrefix = `${id}.`;
  const admin = testKey('admin', 'admin', ['*']);
  const communeAdmin = testKey('admin-26734', 'admin', ['26734']);
  const env = {
    ...accessEnvFor([admin, communeAdmin]),
    KAFKA_BROKERS: services.kafkaBrokers.join(','),
    KAFKA_TOPIC_PREFIX: topicPrefix,
    CLICKHOUSE_URL: services.clickhouseUrl,
    CLICKHOUSE_DATABASE: id,
    INGEST_GROUP_ID: `${id}-ingest`,
    INGEST_BATCH_MAX_WAIT_MS: '100',
    COC_GATEWAY_INSTANCE_ID: id,
    COC_REFERENCE_REFRESH_MS: String(REFRESH_MS),
    IOC_SYNC_ROLE: 'commune',
    IOC_SYNC_UNIT_CODE: '26734',
    IOC_SYNC_INTERVAL_MS: '200',
  };
  const kafka = testKafka(id);
  let producer: Producer;
  let clickhouse: AnalyticsStore;
  let ingest: AppProcess;
  let gateway: AppProcess;
  let sync: AppProcess;

  const upload = async (kind: string, body: string | Buffer, contentType: string, query = '') => {
    const res = await fetch(
      `${ingest.url}/api/v1/admin/reference/${kind}?document=${encodeURIComponent('TEST-7/QĐ')}${query}`,
      { method: 'POST', headers: { ...bearer(admin.secret), 'content-type': contentType }, body },
    );
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const imports = async () => {
    const res = await fetch(`${ingest.url}/api/v1/admin/reference/imports`, {
      headers: bearer(admin.secret),
    });
    expect(res.status).toBe(200);
    return (await res.json()) as { kind: string; sourceDocument: string }[];
  };
  const count = async (table: string) => {
    const rs = await clickhouse.query({ query: `SELECT count() AS n FROM ${table}`, format: 'JSONEachRow' });
    return Number((await rs.json<{ n: number | string }>())[0].n);
  };
  const catalog = JSON.stringify({
    indicators: [
      {
        id: KPI,
        nameVi: 'Thu nhập bình quân đầu người',
        nameEn: 'Average income per head',
        unit: 'triệu đồng/người/năm',
        direction: 'higher_is_better',
        pillar: 'kinh_te',
        cadence: 'yearly',
        rollUp: { kind: 'ratio', denominator: 'residents', scale: 1 },
      },
    ],
  });
  const reported = (
    unitCode: string,
    revision: number,
    day: string,
    numerator: number,
    denominator: number,
  ) =>
    exampleEnvelope(IndicatorReported, {
      eventId: `${id}-${unitCode}-r${revision}`,
      unitCode,
      occurredAt: `2026-01-${day}T09:00:00+07:00`,
      producedAt: `2026-01-${day}T09:00:00+07:00`,
      payload: {
        indicatorId: KPI,
        period: '2025',
        value: numerator / denominator,
        numerator,
        denominator,
        scale: 1,
        dataSource: 'Chi cục Thống kê (test)',
        revision,
      },
    });

  beforeAll(async () => {
    clickhouse = createClient({ url: services.clickhouseUrl, database: id });
    ingest = await startApp('ingest', env);
    [gateway, sync] = await Promise.all([startApp('coc-gateway', env), startApp('ioc-sync', env)]);
    producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
  });

  afterAll(async () => {
    await producer?.disconnect();
    await Promise.all([ingest?.stop(), gateway?.stop(), sync?.stop()]);
    await clickhouse?.command({ query: `DROP DATABASE IF EXISTS ${id}` });
    await clickhouse?.close();
  });

  it('is served by ingest only: the gateway has no write path', async () => {
    const onGateway = await fetch(`${gateway.url}/api/v1/admin/reference/rosters`, {
      method: 'POST',
      headers: { ...bearer(admin.secret), 'content-type': 'text/csv' },
      body: 'unit_code,roster,count,valid_from\n26734,qlvb_officials,48,2025-07-01\n',
    });
    expect(onGateway.status).toBe(404);
    // Reference data is shared by every unit: an admin of one commune may not load it.
    const scoped = await fetch(`${ingest.url}/api/v1/admin/reference/indicators`, {
      method: 'POST',
      headers: { ...bearer(communeAdmin.secret), 'content-type': 'application/json' },
      body: catalog,
    });
    expect(scoped.status).toBe(403);
  });

  it('loads a catalog (dry run, then for real), refuses a bad file whole, takes XLSX; the gateway has it within its reload', async () => {
    const dry = await upload('indicators', catalog, 'application/json', '&dryRun=true');
    expect(dry).toMatchObject({ status: 200, body: { dryRun: true, kind: 'indicators' } });
    expect(await imports()).toEqual([]);
    expect(await count('reference_indicator_catalogs')).toBe(0);

    const real = await upload('indicators', catalog, 'application/json');
    const loadedAt = Date.now();
    expect(real).toMatchObject({ status: 200, body: { dryRun: false } });
    expect((await imports()).map((i) => [i.kind, i.sourceDocument])).toEqual([['indicators', 'TEST-7/QĐ']]);

    // One bad row among good ones: 422 naming line and column, and nothing of the file stored.
    const bad = await upload(
      'rosters',
      'unit_code,roster,count,valid_from\n26734,qlvb_officials,48,2025-07-01\n26740,qlvb_officials,many,2025-07-01\n',
      'text/csv',
    );
    expect(bad.status).toBe(422);
    expect(bad.body).toMatchObject({
      message: 'refused, nothing stored',
      problems: [expect.objectContaining({ line: 3, column: 'count' })],
    });
    expect(await count('reference_rosters')).toBe(0);
    expect(await imports()).toHaveLength(1);

    const book = new Workbook();
    const sheet = book.addWorksheet('rosters');
    sheet.addRow(['unit_code', 'roster', 'count', 'valid_from']);
    sheet.addRow(['26734', 'qlvb_officials', 48, '2025-07-01']);
    sheet.addRow(['26740', 'qlvb_officials', 40, '2025-07-01']);
    const xlsx = Buffer.from(await book.xlsx.writeBuffer());
    const dryXlsx = await upload('rosters', xlsx, XLSX, '&dryRun=true');
    expect(dryXlsx).toMatchObject({ status: 200, body: { dryRun: true } });
    expect(await count('reference_rosters')).toBe(0);
    expect((await upload('rosters', xlsx, XLSX)).status).toBe(200);
    expect(await count('reference_rosters')).toBe(2);

    // The gateway (another process, read-only user) reloads within COC_REFERENCE_REFRESH_MS.
    await eventually(
      async () => {
        const res = await fetch(`${gateway.url}/api/v1/kpis`, { headers: bearer(admin.secret) });
        const kpis = (await res.json()) as { id: string }[];
        expect(kpis.map((k) => k.id)).toContain(KPI);
      },
      { timeoutMs: 10 * REFRESH_MS, intervalMs: 100 },
    );
    const seen = Date.now() - loadedAt;
    report(`[reference-admin] indicator catalog visible in coc-gateway ${seen} ms after the import`);
    expect(seen).toBeLessThan(5 * REFRESH_MS);
  });

  it('rolls income per head up as ΣN / ΣD in the gateway and serves it in the IOC pull API', async () => {
    const events = [
      reported('26734', 1, '10', 90_400, 2000),
      reported('26734', 2, '20', 92_000, 2000),
      reported('26740', 1, '12', 30_000, 500),
    ];
    await producer.send({
      topic: `${topicPrefix}${sourceTopic('reporting')}`,
      acks: -1,
      messages: events.map((e) => ({ key: e.unitCode, value: JSON.stringify(e) })),
    });
    const get = async (unit: string) => {
      const res = await fetch(`${gateway.url}/api/v1/units/${unit}/kpis/${KPI}?period=year&date=2025-12-31`, {
        headers: bearer(admin.secret),
      });
      expect(res.status).toBe(200);
      return ((await res.json()) as KpiAnswer).kpi;
    };
    await eventually(
      async () => {
        expect(await get('25')).toMatchObject({
          origin: 'local',
          combine: 'ratio',
          numerator: 122_000,
          denominator: 2500,
        });
      },
      { timeoutMs: 30_000, intervalMs: 250 },
    );
    expect((await get('25')).value).toBeCloseTo(48.8, 9);
    expect(await get('26734')).toMatchObject({ numerator: 92_000, denominator: 2000, value: 46 });
    expect(await get('26740')).toMatchObject({ numerator: 30_000, denominator: 500, value: 60 });

    const pull = async (kpi: string) =>
      fetch(`${sync.url}/api/v1/ioc/units/25/rollups?kpi=${kpi}&from=2025-01-01&to=2026-01-31&limit=1000`, {
        headers: bearer(admin.secret),
      });
    let rows: RollupRow[] = [];
    await eventually(
      async () => {
        const res = await pull(KPI);
        expect(res.status).toBe(200);
        rows = ((await res.json()) as { rows: RollupRow[] }).rows;
        expect(new Set(rows.map((r) => r.unitCode))).toEqual(new Set(['26734', '26740']));
      },
      { timeoutMs: 30_000, intervalMs: 250 },
    );
    // Each row is the report standing that day; an upper level keeps each unit's latest and adds N and D.
    const latest = (unit: string) =>
      rows
        .filter((r) => r.unitCode === unit)
        .sort((x, y) => x.date.localeCompare(y.date))
        .at(-1);
    const [a, b] = [latest('26734'), latest('26740')];
    expect(a).toMatchObject({
      kpiId: KPI,
      combine: 'ratio',
      numerator: 92_000,
      denominator: 2000,
      value: 46,
    });
    expect(b).toMatchObject({ kpiId: KPI, combine: 'ratio', numerator: 30_000, denominator: 500, value: 60 });
    expect(
      ((a?.numerator ?? 0) + (b?.numerator ?? 0)) / ((a?.denominator ?? 0) + (b?.denominator ?? 0)),
    ).toBe(48.8);
    expect((await pull('no_such_indicator')).status).toBe(404);
  });
});
