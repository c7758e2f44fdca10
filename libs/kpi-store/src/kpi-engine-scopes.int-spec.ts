import type { AnalyticsStore } from '@libs/clickhouse';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  eq,
  evaluateKpi,
  findKpi,
  isReferenceCount,
  ratioScaleOf,
  rollUp,
  type EventFilter,
  type EvaluationOptions,
  type KpiDefinition,
  type KpiEvent,
  type KpiFormula,
  type Scalar,
} from '@libs/kpi';
import { kpiEvent, KPI_SCENARIOS } from '@libs/testing';
import { AdministrativeHierarchy, localMonthRange, localYearRange } from '@libs/admin-units';
import { ClickHouseKpiEngine } from './engine/clickhouse-kpi-engine';
import { dropTestDatabase, openTestDatabase, storeEvents } from '../test/kpi-store-test-kit';

const kpi = (id: string): KpiDefinition => {
  const found = findKpi(id);
  if (!found) throw new Error(`no KPI ${id}`);
  return found;
};
const A = '26734';
const B = '26737';
const NOVEMBER = localMonthRange('2026-11');
const AS_OF = new Date('2026-12-01T00:00:00+07:00');
const november = (unitCodes: string[]): EvaluationOptions => ({ unitCodes, range: NOVEMBER, asOf: AS_OF });

function useDatabase(label: string): () => { client: AnalyticsStore; engines: ClickHouseKpiEngine[] } {
  let db: { id: string; client: AnalyticsStore };
  let engines: ClickHouseKpiEngine[];
  beforeAll(async () => {
    db = await openTestDatabase(label);
    engines = [new ClickHouseKpiEngine(db.client, { rollups: false }), new ClickHouseKpiEngine(db.client)];
  });
  afterAll(() => dropTestDatabase(db.client, db.id));
  return () => ({ client: db.client, engines });
}

describe('units without a feed', () => {
  const db = useDatabase('kpi_no_feed');
  const closed = (id: string, online: boolean) =>
    kpiEvent(
      id,
      'qlvb.workfile.closed',
      '2026-11-05T10:00:00+07:00',
      { workFileId: id, online, secret: false },
      A,
    );
  const cameraUp = kpiEvent(
    's',
    'camera.status.changed',
    '2026-10-01T00:00:00+07:00',
    { cameraId: 'C', status: 'up' },
    B,
  );
  // Known only after asOf: no feed yet.
  const late = kpiEvent('late', 'qlvb.official.acted', '2026-12-02T10:00:00+07:00', { officialId: 'O' }, B);

  beforeAll(() => storeEvents(db().client, [closed('w1', true), closed('w2', false), cameraUp, late]));

  it('gives a commune with no events from the sources no value (no_feed), not 0', async () => {
    for (const engine of db().engines) {
      expect(await engine.evaluate(kpi('work_files_processed_online_pct'), november([B]))).toMatchObject({
        value: null,
        noData: 'no_feed',
        unitsWithoutData: [B],
      });
      expect(await engine.evaluate(kpi('ai_camera_alerts_count'), november([A]))).toMatchObject({
        value: null,
        noData: 'no_feed',
      });
      expect(await engine.evaluate(kpi('ai_camera_alerts_count'), november([B]))).toMatchObject({
        value: 0,
        noData: null,
      });
    }
  });

  it('lists the unfed commune of a district instead of averaging it in', async () => {
    const workFiles = kpi('work_files_processed_online_pct');
    for (const engine of db().engines) {
      const district = await engine.evaluate(workFiles, november([A, B]));
      expect(district).toMatchObject({ numerator: 1, denominator: 2, value: 50, unitsWithoutData: [B] });
      const children = await Promise.all([A, B].map((u) => engine.evaluate(workFiles, november([u]))));
      expect(rollUp(children, ratioScaleOf(workFiles))).toMatchObject({
        numerator: 1,
        denominator: 2,
        value: 50,
        childrenWithoutData: 1,
      });
    }
  });
});

describe('one commune under the pre-2025 and the post-2025 map', () => {
  const db = useDatabase('kpi_hierarchy');
  const fixtures = join(__dirname, '..', '..', 'admin-units', 'src', 'hierarchy', 'fixtures');
  const hierarchy = AdministrativeHierarchy.fromCsv(
    readFileSync(join(fixtures, 'units.csv'), 'utf8'),
    readFileSync(join(fixtures, 'unit-mappings.csv'), 'utf8'),
  );
  const rated = (id: string, unit: string, at: string, satisfied: boolean) =>
    kpiEvent(id, 'onestop.dossier.rated', at, { dossierId: id, satisfied }, unit);
  // Before the reform under the old codes 26734 and 26737; after it, the merged commune 26734.
  const events: KpiEvent[] = [
    rated('a1', A, '2025-06-03T09:00:00+07:00', true),
    rated('a2', A, '2025-06-30T23:30:00+07:00', false),
    rated('b1', B, '2025-06-10T09:00:00+07:00', true),
    rated('b2', B, '2025-05-10T09:00:00+07:00', true),
    rated('n1', A, '2025-07-01T00:00:00+07:00', true),
    rated('n2', A, '2025-08-15T09:00:00+07:00', false),
  ];
  const satisfaction = kpi('tthc_satisfaction_pct');
  const options = (unitCodes: string[], range = localYearRange('2025')): EvaluationOptions => ({
    unitCodes,
    range,
    asOf: new Date('2026-01-01T00:00:00+07:00'),
  });

  beforeAll(() => storeEvents(db().client, events));

  it('re-aggregates the old communes into district 248 before, and into the new commune 26734 after', async () => {
    const district = hierarchy.communesUnder('248', '2025-06-15').map((u) => u.code);
    expect(district).toEqual([A, B]);
    const merged = hierarchy.predecessorsOf(A).map((m) => m.oldCode);
    expect(merged).toEqual([A, B]);
    expect(hierarchy.successorOf(B)?.newCode).toBe(A);
    const h1 = localMonthRange('2025-06');
    for (const engine of db().engines) {
      const old248 = await engine.evaluate(satisfaction, options(district, h1));
      const new26734 = await engine.evaluate(satisfaction, options(merged, h1));
      expect(old248).toMatchObject({ numerator: 2, denominator: 3 });
      expect(new26734).toEqual(old248);
      const year = await engine.evaluate(satisfaction, options(merged));
      expect(year).toEqual(evaluateKpi(satisfaction, events, options(merged)));
      expect(year).toMatchObject({ numerator: 4, denominator: 6 });
      const parts = await Promise.all(
        [options([A]), options([B])].map((o) => engine.evaluate(satisfaction, o)),
      );
      expect(rollUp(parts, ratioScaleOf(satisfaction))).toMatchObject({ numerator: 4, denominator: 6 });
      // The old commune alone keeps only its own history.
      expect(await engine.evaluate(satisfaction, options([B]))).toMatchObject({
        numerator: 2,
        denominator: 2,
      });
    }
  });
});

/**
 * A breakdown by `field` = the KPI with `field = key` added to its main event filters (the sets
 * it counts, not the sets they must also appear in), for each key that has something to count.
 */
function restricted(formula: KpiFormula, field: string, key: Scalar): KpiFormula {
  const add = <T extends EventFilter>(f: T): T => ({ ...f, where: [...(f.where ?? []), eq(field, key)] });
  switch (formula.kind) {
    case 'ratio':
      return {
        ...formula,
        numerator: add(formula.numerator),
        denominator: isReferenceCount(formula.denominator) ? formula.denominator : add(formula.denominator),
      };
    case 'count':
      return { ...formula, of: add(formula.of) };
    case 'open_overdue':
      return { ...formula, opened: add(formula.opened) };
    case 'time_weighted_up':
      return { ...formula, registered: add(formula.registered) };
    case 'median_delay':
      return { ...formula, start: add(formula.start) };
    case 'reported':
      return formula;
  }
}

const BREAKDOWNS = KPI_SCENARIOS.filter((s) => !s.measureId).flatMap((s) =>
  (kpi(s.kpiId).breakdowns ?? []).map((field) => ({ scenario: s, field })),
);

describe.each(BREAKDOWNS.map((b) => [`${b.scenario.kpiId} by ${b.field}`, b] as const))(
  'breakdown %s',
  (_, b) => {
    const db = useDatabase('kpi_breakdown');
    beforeAll(() => storeEvents(db().client, b.scenario.events));

    it('equals the KPI restricted to each value of the field, for every value with something to count', async () => {
      const definition = kpi(b.scenario.kpiId);
      const values = new Map<string, Scalar>();
      for (const e of b.scenario.events) {
        const v = e.payload[b.field];
        if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')
          values.set(String(v), v);
      }
      const expected = [...values]
        .map(([key, value]) => ({
          key,
          evaluation: evaluateKpi(
            { ...definition, formula: restricted(definition.formula, b.field, value) },
            b.scenario.events,
            b.scenario.options,
          ),
        }))
        .filter(({ evaluation: e }) => (e.numerator ?? 0) > 0 || (e.denominator ?? 0) > 0)
        .sort((x, y) => (x.key < y.key ? -1 : 1));
      expect(expected.length).toBeGreaterThan(0);
      const [engine] = db().engines;
      expect(await engine.breakdown(definition, b.scenario.options, b.field)).toEqual(expected);
    });
  },
);
