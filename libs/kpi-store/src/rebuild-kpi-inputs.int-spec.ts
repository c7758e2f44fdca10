import type { AnalyticsStore } from '@libs/clickhouse';
import { simulateCommune } from '@libs/connector-sdk';
import {
  defineKpi,
  eq,
  type EvaluationOptions,
  KPI_CATALOG,
  KPI_INPUTS,
  type KpiDefinition,
  type KpiEvaluation,
  kpiInputsOf,
} from '@libs/kpi';
import { localMonthRange } from '@libs/admin-units';
import { ClickHouseKpiEngine } from './engine/clickhouse-kpi-engine';
import { backfillNewKpiInputs, rebuildKpiInputs } from './inputs/kpi-input.repository';
import {
  dropTestDatabase,
  emptyTables,
  openTestDatabase,
  storeEvents,
  storeRawEvents,
} from '../test/kpi-store-test-kit';

const OCTOBER = localMonthRange('2026-10');
const SIMULATED = { from: localMonthRange('2026-09').start, to: new Date(OCTOBER.end.getTime() - 1000) };
const NOW = new Date('2026-11-20T00:00:00+07:00');
const REBUILD = { from: new Date('2026-09-01T00:00:00+07:00'), to: new Date('2026-11-01T00:00:00+07:00') };
const SCOPES: EvaluationOptions[] = [
  { unitCodes: ['26734'], range: OCTOBER, asOf: NOW, references: { qlvb_officials: { '26734': 40 } } },
  {
    unitCodes: ['26734', '26737'],
    range: { start: OCTOBER.start, end: new Date('2026-10-17T13:20:00+07:00') },
    asOf: new Date('2026-10-17T13:20:00+07:00'),
    references: { reporting_agencies: { '26734': 5, '26737': 4 } },
  },
];

const simulated = ['26734', '26737'].flatMap((unitCode, seed) =>
  simulateCommune({ unitCode, ...SIMULATED, seed, scale: 0.3, now: NOW }),
);

async function everyKpi(engine: ClickHouseKpiEngine): Promise<KpiEvaluation[]> {
  const results: KpiEvaluation[] = [];
  for (const options of SCOPES) {
    for (const kpi of KPI_CATALOG) {
      results.push(await engine.evaluate(kpi, options));
      for (const m of kpi.measures ?? []) results.push(await engine.evaluate(kpi, options, m.id));
    }
  }
  return results;
}

describe('rebuildKpiInputs', () => {
  let db: { id: string; client: AnalyticsStore };
  beforeAll(async () => {
    db = await openTestDatabase('kpi_rebuild');
  });
  afterAll(() => dropTestDatabase(db.client, db.id));

  const memberRows = async () => {
    const rs = await db.client.query({
      query: 'SELECT uniqExact(input_id, unit_code, bucket, member, event_id) AS n FROM kpi_input_members',
      format: 'JSONEachRow',
    });
    return Number((await rs.json<{ n: number | string }>())[0].n);
  };

  it('restores the rollup after its tables are truncated, to identical results, and can run again', async () => {
    await storeEvents(db.client, simulated);
    const rollup = new ClickHouseKpiEngine(db.client);
    const before = await everyKpi(rollup);
    expect(before).toEqual(await everyKpi(new ClickHouseKpiEngine(db.client, { rollups: false })));
    const rowsBefore = await memberRows();

    await db.client.command({ query: 'TRUNCATE TABLE kpi_input_members' });
    await db.client.command({ query: 'TRUNCATE TABLE kpi_input_hourly' });
    await db.client.command({ query: 'TRUNCATE TABLE kpi_input_daily' });
    const emptied = await everyKpi(rollup);
    expect(emptied.filter((e, i) => e.value !== before[i].value).length).toBeGreaterThan(10);

    const report = await rebuildKpiInputs(db.client, REBUILD.from, REBUILD.to);
    expect(report.rows).toBe(rowsBefore);
    expect(await everyKpi(rollup)).toEqual(before);
    await rebuildKpiInputs(db.client, REBUILD.from, REBUILD.to);
    expect(await memberRows()).toBe(rowsBefore);
    expect(await everyKpi(rollup)).toEqual(before);
  }, 300_000);

  it('gives a KPI added after its events arrived its history', async () => {
    const counterSubmissions: KpiDefinition = defineKpi({
      id: 'counter_submissions_count',
      nameVi: 'Hồ sơ nộp tại quầy',
      nameEn: 'Dossiers submitted at the counter',
      unit: 'count',
      direction: 'lower_is_better',
      screenPillar: 'digital_government',
      sources: ['onestop'],
      mode: 'event',
      cadence: 'daily',
      formula: {
        kind: 'count',
        of: { type: 'onestop.dossier.submitted', where: [eq('channel', 'counter')], distinctBy: 'dossierId' },
      },
      targets: [],
      exclusions: 'A test KPI.',
    });
    const added = kpiInputsOf([counterSubmissions]);
    expect(added.every((input) => !KPI_INPUTS.some((known) => known.id === input.id))).toBe(true);
    const later = simulateCommune({ unitCode: '26740', ...SIMULATED, seed: 9, scale: 0.3, now: NOW });
    await storeRawEvents(db.client, later);

    const engine = new ClickHouseKpiEngine(db.client, { inputs: [...KPI_INPUTS, ...added] });
    const raw = new ClickHouseKpiEngine(db.client, { rollups: false });
    const options: EvaluationOptions = { unitCodes: ['26740'], range: OCTOBER, asOf: NOW };
    const truth = await raw.evaluate(counterSubmissions, options);
    expect(truth.value).toBeGreaterThan(0);
    expect(await engine.evaluate(counterSubmissions, options)).toMatchObject({ value: 0 });

    await rebuildKpiInputs(db.client, REBUILD.from, REBUILD.to, added);
    expect(await engine.evaluate(counterSubmissions, options)).toEqual(truth);
  }, 300_000);

  it('builds the history of inputs no run has built yet, once', async () => {
    await emptyTables(db.client);
    await storeRawEvents(db.client, simulated);
    const engine = new ClickHouseKpiEngine(db.client);
    const raw = new ClickHouseKpiEngine(db.client, { rollups: false });
    const truth = await everyKpi(raw);
    expect(await everyKpi(engine)).not.toEqual(truth);

    const first = await backfillNewKpiInputs(db.client, NOW);
    expect(first.inputs).toEqual(KPI_INPUTS.map((i) => i.id));
    expect(first.events).toBeGreaterThan(0);
    expect(await everyKpi(engine)).toEqual(truth);

    expect(await backfillNewKpiInputs(db.client, NOW)).toEqual({ events: 0, rows: 0, inputs: [] });
  }, 300_000);

  it('rebuilds each unit’s event when two units share an event id', async () => {
    await emptyTables(db.client);
    const [event] = simulated.filter((e) => e.type === 'onestop.dossier.received');
    const twins = [
      { ...event, unitCode: '26734', eventId: 'shared-id' },
      { ...event, unitCode: '26740', eventId: 'shared-id' },
    ];
    await storeRawEvents(db.client, twins);
    const report = await rebuildKpiInputs(db.client, REBUILD.from, REBUILD.to);
    expect(report.events).toBe(2);
    const rs = await db.client.query({
      query:
        "SELECT DISTINCT unit_code FROM kpi_input_members WHERE event_id = 'shared-id' ORDER BY unit_code",
      format: 'JSONEachRow',
    });
    expect(await rs.json()).toEqual([{ unit_code: '26734' }, { unit_code: '26740' }]);
  }, 120_000);
});
