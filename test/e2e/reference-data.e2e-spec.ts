import { createClient } from '@clickhouse/client';
import type { AnalyticsStore } from '@libs/clickhouse';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { logLevel, type Producer } from 'kafkajs';
import { io, type Socket } from 'socket.io-client';
import {
  WALL_SCREEN_NAMESPACE,
  type ClientToServerEvents,
  type ServerToClientEvents,
  type SubscribeReply,
  IndicatorReported,
  OfficialActed,
  exampleEnvelope,
  sourceTopic,
  type EventEnvelope,
} from '@libs/contracts';
import {
  accessEnvFor,
  bearer,
  eventually,
  startApp,
  testKey,
  testServices,
  uniqueTestId,
  type AppProcess,
  testKafka,
} from '@libs/testing';

const REPO = resolve(__dirname, '..', '..');
const CLI = join(REPO, 'dist', 'apps', 'connector-cli', 'main.js');
const EXAMPLES = join(REPO, 'apps', 'connector-cli', 'examples', 'reference');

interface KpiValue {
  kpiId: string;
  origin: string;
  unit: string;
  unitLabel: string | null;
  combine: string;
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  noData: string | null;
  status: string;
  target: { plan: string; issuer: string; comparator: string; value: number; citation: string } | null;
}
interface Answer {
  communes: string[];
  kpi: KpiValue;
  kpis: KpiValue[];
}

/**
 * Reference data end to end, with the built apps running all along: `coc reference` loads the
 * statistics office's lists of three provinces before and after 1 July 2025, merger mappings,
 * rosters, a run-time indicator catalog and a People's Council's targets into ClickHouse; ingest and
 * coc-gateway pick them up without a restart (COC_REFERENCE_REFRESH_MS = 1 s) and the KPI API
 * answers with those units, the roster KPIs and the indicator, hand-checked:
 * - officials_qlvb_active_pct, 26734, November 2026: officials O1, O2, O3 acted (O1 twice) of a
 *   roster of 48 → 3 / 48 = 6.25 %; before the rosters were loaded: no_reference.
 * - budget_revenue (sum), 2025: 26734 reported 38.5 then revision 2 = 42.25, 26740 reported 30
 *   → province 25 = 72.25; 26734 meets its resolution's "≥ 40".
 * - poor_household_rate_pct (ratio of households): 26734 36 / 2000, 26740 45 / 1500 → province 25
 *   = 81 / 3500 = 2.314 %, not the mean of 1.8 % and 3 %.
 */
describe('reference data: coc reference → ClickHouse → ingest and coc-gateway, without a restart', () => {
  const services = testServices();
  const id = uniqueTestId('reference_e2e');
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
    COC_REFERENCE_REFRESH_MS: '1000',
  };
  const dir = mkdtempSync(join(tmpdir(), 'coc-reference-'));
  const kafka = testKafka(id, { logLevel: logLevel.ERROR });
  let producer: Producer;
  let clickhouse: AnalyticsStore;
  let ingest: AppProcess;
  let gateway: AppProcess;

  function coc(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" first`);
    return new Promise((done, fail) => {
      const child = spawn(process.execPath, [CLI, 'reference', ...args], {
        cwd: REPO,
        env: { PATH: process.env.PATH ?? '', ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
      child.on('error', fail);
      child.on('close', (code) => done({ code, stdout, stderr }));
    });
  }
  async function load(...args: string[]): Promise<string> {
    const run = await coc(...args, ...(['history', 'units-on'].includes(args[0]) ? [] : ['--by', 'e2e']));
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
    return run.stdout;
  }
  async function get(path: string): Promise<{ status: number; body: Answer }> {
    const res = await fetch(`${gateway.url}${path}`, { headers: bearer(admin.secret) });
    return { status: res.status, body: (await res.json()) as Answer };
  }
  async function publish(source: 'qlvb' | 'reporting', events: EventEnvelope<object>[]) {
    const messages = events.map((e) => ({ key: e.unitCode, value: JSON.stringify(e) }));
    await producer.send({ topic: `${topicPrefix}${sourceTopic(source)}`, acks: -1, messages });
  }
  const file = (name: string, text: string) => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };
  const acted = (unitCode: string, official: string, localTime: string) =>
    exampleEnvelope(OfficialActed, {
      eventId: `${id}-${unitCode}-${official}-${localTime}`,
      unitCode,
      occurredAt: `${localTime}+07:00`,
      producedAt: `${localTime}+07:00`,
      payload: { officialId: official, action: 'process' },
    });
  const reported = (unitCode: string, indicatorId: string, revision: number, day: string, figures: object) =>
    exampleEnvelope(IndicatorReported, {
      eventId: `${id}-${unitCode}-${indicatorId}-r${revision}`,
      unitCode,
      occurredAt: `2026-01-${day}T09:00:00+07:00`,
      producedAt: `2026-01-${day}T09:00:00+07:00`,
      payload: {
        indicatorId,
        period: '2025',
        dataSource: 'Phòng Tài chính - Kế hoạch',
        revision,
        ...figures,
      } as never,
    });

  beforeAll(async () => {
    clickhouse = createClient({ url: services.clickhouseUrl, database: id });
    ingest = await startApp('ingest', env);
    gateway = await startApp('coc-gateway', { ...env });
    producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
  });

  afterAll(async () => {
    await producer?.disconnect();
    await Promise.all([ingest?.stop(), gateway?.stop()]);
    await clickhouse?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('loads statistics-office lists before and after the reform; the KPI API answers with those units', async () => {
    expect((await get('/api/v1/units/01/kpis?period=month&date=2026-11-15')).status).toBe(404);
    const dry = await load(
      'units',
      join(EXAMPLES, 'units-2024.csv'),
      '--effective',
      '2024-01-01',
      '--document',
      'TCTK 2024',
      '--dry-run',
    );
    expect(dry).toContain('dry run, nothing stored: units would be 12 added');
    await load(
      'units',
      join(EXAMPLES, 'units-2024.csv'),
      '--effective',
      '2024-01-01',
      '--document',
      'TCTK 2024',
    );
    const after = await load(
      'units',
      join(EXAMPLES, 'units-2025-07-01.csv'),
      '--effective',
      '2025-07-01',
      '--document',
      'NQ sắp xếp 2025',
    );
    expect(after).toContain('+ commune 00004 Phường Ba Đình under 01 2025-07-01…');
    await load('mappings', join(EXAMPLES, 'mappings-2025-07-01.csv'), '--document', 'NQ sắp xếp 2025');

    await eventually(
      async () => {
        const before = await get('/api/v1/units/01/kpis?period=month&date=2025-06-15');
        expect(before.body.communes).toEqual(['00001', '00004', '00006']);
        // The mappings import is a later reload than the units lists: wait for it too.
        const today = await get('/api/v1/units/01/kpis?period=month&date=2026-11-15');
        expect(today.body.communes).toEqual(['00004', '00006']);
      },
      { timeoutMs: 15_000, intervalMs: 250 },
    );
    expect((await get('/api/v1/units/25/kpis?period=month&date=2026-11-15')).body.communes).toEqual([
      '26734',
      '26740',
    ]);
    expect((await get('/api/v1/units/248/kpis?period=month&date=2025-06-15')).body.communes).toEqual([
      '26734',
      '26737',
    ]);
    const units = await load('units-on', '26', '--date', '2025-06-30', '--communes');
    expect(units).toContain('26743 Xã Thanh Lãng (commune, from 2024-01-01)');
  });

  it('refuses a file with errors by line and column and changes nothing', async () => {
    const historyBefore = (await load('history')).trim().split('\n');
    const bad = file(
      'bad.csv',
      'Mã TP,Tỉnh / Thành Phố,Mã QH,Quận Huyện,Mã PX,Phường Xã,Cấp\n25,Tỉnh Phú Thọ,,,26734,,Xã\n',
    );
    const run = await coc('units', bad, '--effective', '2026-01-01', '--document', 'x');
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('refused, nothing stored:\nline 2, column "Phường Xã": is empty\n');
    expect((await load('history')).trim().split('\n')).toEqual(historyBefore);
  });

  it('ingest accepts a unit known only from the store, and rosters give the roster KPIs their values', async () => {
    await publish('qlvb', [
      acted('26734', 'O1', '2026-11-02T09:00:00'),
      acted('26734', 'O1', '2026-11-03T09:00:00'),
      acted('26734', 'O2', '2026-11-04T09:00:00'),
      acted('26734', 'O3', '2026-11-05T09:00:00'),
      acted('00004', 'H1', '2026-11-05T09:00:00'),
    ]);
    await eventually(
      async () => {
        const r = await clickhouse.query({
          query: 'SELECT uniqExact(event_id) AS n FROM qlvb_events',
          format: 'JSONEachRow',
        });
        expect(await r.json()).toEqual([{ n: 5 }]);
      },
      { timeoutMs: 30_000, intervalMs: 250 },
    );
    const path = '/api/v1/units/26734/kpis/officials_qlvb_active_pct?period=month&date=2026-11-15';
    expect((await get(path)).body.kpi).toMatchObject({ value: null, noData: 'no_reference' });
    await load('rosters', join(EXAMPLES, 'rosters.csv'), '--document', 'Danh sách cán bộ 07/2025');
    expect((await get(path)).body.kpi).toMatchObject({
      numerator: 3,
      denominator: 48,
      value: 6.25,
      noData: null,
    });
  });

  it('a run-time indicator reported with a revision rolls up as declared and shows its document’s target', async () => {
    const catalog = file(
      'indicators.json',
      JSON.stringify({
        indicators: [
          {
            id: 'budget_revenue',
            nameVi: 'Thu ngân sách nhà nước trên địa bàn',
            nameEn: 'State budget revenue',
            unit: 'tỷ đồng',
            direction: 'higher_is_better',
            pillar: 'kinh_te',
            cadence: 'yearly',
            rollUp: { kind: 'sum' },
          },
          {
            id: 'poor_household_rate_pct',
            nameVi: 'Tỷ lệ hộ nghèo',
            nameEn: 'Poor-household rate',
            unit: '%',
            direction: 'lower_is_better',
            pillar: 'xa_hoi',
            cadence: 'yearly',
            rollUp: { kind: 'ratio', denominator: 'households' },
          },
        ],
      }),
    );
    await load('indicators', catalog, '--document', 'catalog v1');
    const targets = file(
      'targets.csv',
      'unit_code,year,indicator,comparator,value,document,document_date,issuer\n' +
        '26734,2025,budget_revenue,>=,40,TEST-12/NQ-HĐND,2024-12-20,HĐND xã (test document)\n',
    );
    await load('targets', targets, '--document', 'TEST-12/NQ-HĐND');
    await publish('reporting', [
      reported('26734', 'budget_revenue', 1, '10', { value: 38.5 }),
      reported('26734', 'budget_revenue', 2, '20', { value: 42.25 }),
      reported('26740', 'budget_revenue', 1, '12', { value: 30 }),
      reported('26734', 'poor_household_rate_pct', 1, '10', { value: 1.8, numerator: 36, denominator: 2000 }),
      reported('26740', 'poor_household_rate_pct', 1, '12', { value: 3, numerator: 45, denominator: 1500 }),
    ]);
    const year = 'period=year&date=2025-12-31';
    await eventually(
      async () => {
        expect((await get(`/api/v1/units/25/kpis/budget_revenue?${year}`)).body).toMatchObject({
          kpi: { value: 72.25 },
        });
      },
      { timeoutMs: 30_000, intervalMs: 250 },
    );
    // The targets were loaded a moment ago: the gateway has them within COC_REFERENCE_REFRESH_MS.
    await eventually(
      async () => {
        expect((await get(`/api/v1/units/26734/kpis/budget_revenue?${year}`)).body.kpi).toMatchObject({
          origin: 'local',
          unit: 'amount',
          unitLabel: 'tỷ đồng',
          combine: 'sum',
          value: 42.25,
          status: 'meets',
          target: {
            comparator: '≥',
            value: 40,
            citation: 'TEST-12/NQ-HĐND, 2024-12-20',
            issuer: 'HĐND xã (test document)',
          },
        });
      },
      { timeoutMs: 10_000, intervalMs: 250 },
    );
    expect((await get(`/api/v1/units/26740/kpis/budget_revenue?${year}`)).body.kpi).toMatchObject({
      value: 30,
      status: 'no_target',
      target: null,
    });
    const poor = (await get(`/api/v1/units/25/kpis/poor_household_rate_pct?${year}`)).body.kpi;
    expect(poor).toMatchObject({ combine: 'ratio', numerator: 81, denominator: 3500 });
    expect(poor.value).toBeCloseTo(8100 / 3500, 9);
    const listing = (await get(`/api/v1/units/25/kpis?${year}`)).body.kpis.map((k) => k.kpiId);
    expect(listing).toEqual(
      expect.arrayContaining(['officials_qlvb_active_pct', 'budget_revenue', 'poor_household_rate_pct']),
    );
  });

  it('shows the run-time indicator on the wall screen, through the same KPI listing, as no data rather than 0', async () => {
    const screen: Socket<ServerToClientEvents, ClientToServerEvents> = io(
      `${gateway.url}${WALL_SCREEN_NAMESPACE}`,
      { transports: ['websocket'], auth: { token: admin.secret } },
    );
    try {
      const reply = await new Promise<SubscribeReply>((resolve) =>
        screen.emit('subscribe', { unitCode: '26734' }, resolve),
      );
      const tiles = 'snapshot' in reply ? reply.snapshot.tiles : [];
      // A yearly indicator's tile is this year's figure: nothing reported for it yet.
      expect(tiles.find((t) => t.kpiId === 'budget_revenue')).toMatchObject({
        unit: 'amount',
        unitLabel: 'tỷ đồng',
        value: null,
        noData: 'no_feed',
      });
    } finally {
      screen.disconnect();
    }
  });
});
