import { createClient } from '@clickhouse/client';
import type { AnalyticsStore } from '@libs/clickhouse';
import { resolve } from 'node:path';
import { logLevel, type Producer } from 'kafkajs';
import { DossierReceived, exampleEnvelope, sourceTopic, type DossierChannel } from '@libs/contracts';
import {
  accessEnvFor,
  bearer,
  eventually,
  report,
  startApp,
  testKey,
  testServices,
  uniqueTestId,
  type AppProcess,
  testKafka,
} from '@libs/testing';

const FIXTURES = resolve(__dirname, '..', '..', 'libs', 'admin-units', 'src', 'hierarchy', 'fixtures');
const KPI = 'tthc_dossiers_on_central_onestop_pct';
const JUNE = 'period=month&date=2025-06-15';

/** The parts of the API's answers this test reads (the app's DTOs are not importable from here). */
interface Figures {
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  noData: string | null;
}
interface KpiValue extends Figures {
  kpiId: string;
  communesWithoutData: string[];
}
interface Period {
  from: string;
}
interface Answer {
  communes: string[];
  kpi: KpiValue;
  kpis: KpiValue[];
  rows: (Figures & { key: string })[];
  points: (Figures & { period: Period })[];
  paths: Record<string, unknown>;
}

/**
 * The KPI API over real parts: dossiers go through Kafka into the built ingest and ClickHouse, and
 * the built gateway answers over HTTP with the ClickHouse engine. Both apps load the libs/kpi
 * hierarchy fixture (COC_UNITS_CSV): before 1 July 2025 district 248 holds communes 26734 and
 * 26737, district 249 holds 26740 and 26743; afterwards 26737 is merged into 26734.
 *
 * Hand-checked, June 2025, N = dossiers on the central one-stop system, D = dossiers received:
 * - 26734: A1 online ✓, A2 online ✓, A3 counter ✓, A4 counter ✗ → 3 / 4 = 75 %  (A1 sent twice)
 * - 26737: B1 online ✓, B2 postal ✗                             → 1 / 2 = 50 %
 * - 248 = 26734 + 26737 → 4 / 6 = 66.67 % (the mean of the communes would be 62.5 %)
 * - 249 and its communes: nothing sent → no data ('no_feed'), not 0
 * - by channel in 248: counter 1 / 2, online 3 / 3, postal 0 / 1
 * - target: the Đồng Nai commune guidance's 100 % for communes (2025) → 26734 is "chưa đạt";
 *   no plan sets a district figure for this KPI → 248 is "chưa có chỉ tiêu".
 */
describe('KPI API: Kafka → ingest → ClickHouse → coc-gateway (REST)', () => {
  const services = testServices();
  const id = uniqueTestId('kpi_api');
  const topicPrefix = `${id}.`;
  const admin = testKey('admin', 'admin', ['*']);
  const env = {
    ...accessEnvFor([admin]),
    KAFKA_BROKERS: services.kafkaBrokers.join(','),
    KAFKA_TOPIC_PREFIX: topicPrefix,
    CLICKHOUSE_URL: services.clickhouseUrl,
    CLICKHOUSE_DATABASE: id,
    INGEST_GROUP_ID: `${id}-ingest`,
    INGEST_BATCH_MAX_WAIT_MS: '100',
    COC_GATEWAY_INSTANCE_ID: id,
    COC_UNITS_CSV: resolve(FIXTURES, 'units.csv'),
    COC_UNIT_MAPPINGS_CSV: resolve(FIXTURES, 'unit-mappings.csv'),
  };
  const kafka = testKafka(id, { logLevel: logLevel.ERROR });
  let producer: Producer;
  let clickhouse: AnalyticsStore;
  let ingest: AppProcess;
  let gateway: AppProcess;

  const dossier = (
    unitCode: string,
    key: string,
    localTime: string,
    channel: DossierChannel,
    central: boolean,
  ) =>
    exampleEnvelope(DossierReceived, {
      eventId: `${id}-${key}`,
      unitCode,
      occurredAt: `${localTime}+07:00`,
      producedAt: `${localTime}+07:00`,
      payload: {
        dossierId: key,
        procedureCode: '1.001234',
        channel,
        onCentralOneStop: central,
        dueAt: '2025-12-31T17:00:00+07:00',
      },
    });
  const a1 = dossier('26734', 'A1', '2025-06-10T08:00:00', 'online', true);
  const stored = [
    a1,
    dossier('26734', 'A2', '2025-06-10T09:00:00', 'online', true),
    dossier('26734', 'A3', '2025-06-11T10:00:00', 'counter', true),
    dossier('26734', 'A4', '2025-06-12T11:00:00', 'counter', false),
    dossier('26737', 'B1', '2025-06-10T14:00:00', 'online', true),
    dossier('26737', 'B2', '2025-06-12T15:00:00', 'postal', false),
  ];
  const strays = [
    dossier('99999', 'Z1', '2026-11-20T09:00:00', 'online', true),
    // 26737 no longer exists after the merge into 26734.
    dossier('26737', 'Z2', '2026-11-20T10:00:00', 'online', true),
  ];

  async function get<T = Answer>(path: string): Promise<{ status: number; body: T }> {
    const res = await fetch(`${gateway.url}${path}`, { headers: bearer(admin.secret) });
    return { status: res.status, body: (await res.json()) as T };
  }

  async function rows<T>(query: string): Promise<T[]> {
    return (await clickhouse.query({ query, format: 'JSONEachRow' })).json<T>();
  }

  beforeAll(async () => {
    clickhouse = createClient({ url: services.clickhouseUrl, database: id });
    ingest = await startApp('ingest', env);
    gateway = await startApp('coc-gateway', env);
    producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    const topic = `${topicPrefix}${sourceTopic('onestop')}`;
    const messages = [...stored, a1, ...strays].map((e) => ({ key: e.unitCode, value: JSON.stringify(e) }));
    await producer.send({ topic, acks: -1, messages });
    report(`[kpi-api] published ${messages.length} dossiers to ${topic}`);
    await eventually(
      async () => {
        const [events] = await rows<{ n: string }>('SELECT uniqExact(event_id) AS n FROM onestop_events');
        const [rejects] = await rows<{ n: string }>('SELECT count() AS n FROM ingest_rejects FINAL');
        expect([Number(events.n), Number(rejects.n)]).toEqual([stored.length, strays.length]);
      },
      { timeoutMs: 60_000, intervalMs: 250 },
    );
  });

  afterAll(async () => {
    await producer?.disconnect();
    await Promise.all([ingest?.stop(), gateway?.stop()]);
    await clickhouse?.close();
  });

  it('refuses events of units not in the hierarchy on their date as unknown_unit, with the reason', async () => {
    const rejects = await rows<{ reject_code: string; reason: string }>(
      'SELECT reject_code, reason FROM ingest_rejects FINAL ORDER BY reason',
    );
    expect(rejects).toEqual([
      {
        reject_code: 'unknown_unit',
        reason: 'unit 26737 is not in the administrative hierarchy valid at 2026-11-20',
      },
      {
        reject_code: 'unknown_unit',
        reason: 'unit 99999 is not in the administrative hierarchy valid at 2026-11-20',
      },
    ]);
  });

  it('gives a commune its numerator, denominator, value, target and status', async () => {
    const { status, body } = await get(`/api/v1/units/26734/kpis/${KPI}?${JUNE}`);
    expect(status).toBe(200);
    report(`[kpi-api] 26734 June 2025: ${JSON.stringify(body.kpi)}`);
    expect(body).toMatchObject({
      unit: { code: '26734', level: 'commune', name: 'Xã Hợp Châu' },
      communes: ['26734'],
      period: { kind: 'month', from: '2025-06-01', to: '2025-06-30' },
    });
    expect(body.kpi).toMatchObject({
      numerator: 3,
      denominator: 4,
      value: 75,
      noData: null,
      unitsWithoutData: 0,
      target: {
        comparator: '=',
        value: 100,
        level: 'commune',
        year: 2025,
        citation: 'Công văn 2588/UBND-KGVX ngày 15/3/2022 của UBND tỉnh Đồng Nai, mục I.1.2.1.a',
      },
      status: 'below',
      statusLabelVi: 'chưa đạt',
      freshness: { periodComplete: true, lastEventAt: '2025-06-12T04:00:00.000Z' },
    });
  });

  it('adds up a district over its communes, never averaging', async () => {
    const { status, body } = await get(`/api/v1/units/248/kpis/${KPI}?${JUNE}`);
    expect(status).toBe(200);
    expect(body.communes).toEqual(['26734', '26737']);
    expect(body.kpi).toMatchObject({
      numerator: 4,
      denominator: 6,
      unitsWithoutData: 0,
      status: 'no_target',
    });
    expect(body.kpi.value).toBeCloseTo(200 / 3, 6);
  });

  it('shows a commune without a feed as no data, and counts a district’s communes without one', async () => {
    const commune = await get(`/api/v1/units/26740/kpis/${KPI}?${JUNE}`);
    expect(commune.body.kpi).toMatchObject({ value: null, noData: 'no_feed', status: 'no_data' });
    const district = await get(`/api/v1/units/249/kpis/${KPI}?${JUNE}`);
    expect(district.body.kpi).toMatchObject({ value: null, noData: 'no_feed', unitsWithoutData: 2 });
    const province = await get(`/api/v1/units/26/kpis/${KPI}?${JUNE}`);
    expect(province.body.kpi).toMatchObject({ numerator: 4, denominator: 6, unitsWithoutData: 2 });
    expect(province.body.kpi.communesWithoutData).toEqual(['26740', '26743']);
  });

  it('lists every KPI of the catalog for the unit', async () => {
    const catalog = await get<{ id: string }[]>('/api/v1/kpis');
    const { status, body } = await get(`/api/v1/units/248/kpis?${JUNE}`);
    expect(status).toBe(200);
    expect(body.kpis.map((k) => k.kpiId)).toEqual(catalog.body.map((k) => k.id));
    expect(body.kpis.find((k) => k.kpiId === KPI)).toMatchObject({
      numerator: 4,
      denominator: 6,
    });
    expect(body.kpis.find((k) => k.kpiId === 'docs_exchanged_online_pct')).toMatchObject({
      value: null,
      noData: 'no_feed',
    });
  });

  it('splits by channel and gives a day-by-day series', async () => {
    const breakdown = await get(`/api/v1/units/248/kpis/${KPI}/breakdown?by=channel&${JUNE}`);
    expect(breakdown.status).toBe(200);
    expect(breakdown.body.rows.map((r) => [r.key, r.numerator, r.denominator])).toEqual([
      ['counter', 1, 2],
      ['online', 3, 3],
      ['postal', 0, 1],
    ]);
    const series = await get(
      `/api/v1/units/248/kpis/${KPI}/series?granularity=day&from=2025-06-10&to=2025-06-13`,
    );
    expect(series.status).toBe(200);
    expect(series.body.points.map((p) => [p.period.from, p.numerator, p.denominator, p.noData])).toEqual([
      ['2025-06-10', 3, 3, null],
      ['2025-06-11', 1, 1, null],
      ['2025-06-12', 0, 2, null],
      ['2025-06-13', 0, 0, 'empty_denominator'],
    ]);
  });

  it('answers 404 for a unit the map does not have and 400 for a bad period', async () => {
    expect((await get(`/api/v1/units/248/kpis/${KPI}?period=month&date=2026-11-20`)).status).toBe(404);
    expect(
      (await get(`/api/v1/units/248/kpis/${KPI}?period=month&date=2026-11-20&hierarchy=pre2025`)).status,
    ).toBe(200);
    expect((await get(`/api/v1/units/248/kpis/${KPI}?period=fortnight`)).status).toBe(400);
  });

  it('describes the API at /api/docs-json', async () => {
    const { status, body } = await get('/api/docs-json');
    expect(status).toBe(200);
    expect(Object.keys(body.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/kpis',
        '/api/v1/units/{unitCode}/kpis',
        '/api/v1/units/{unitCode}/kpis/{kpiId}',
        '/api/v1/units/{unitCode}/kpis/{kpiId}/series',
        '/api/v1/units/{unitCode}/kpis/{kpiId}/breakdown',
      ]),
    );
  });
});
