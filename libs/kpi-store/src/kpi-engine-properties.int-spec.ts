import * as fc from 'fast-check';
import type { AnalyticsStore } from '@libs/clickhouse';
import {
  evaluateKpi,
  evaluateMeasure,
  findKpi,
  isReferenceCount,
  ratioScaleOf,
  rollUp,
  type EvaluationOptions,
  type KpiDefinition,
  type KpiEvaluation,
  type KpiEvent,
  type KpiFormula,
} from '@libs/kpi';
import { CHILDREN, eventsFor, JUNE, kpiEvent, optionsFor } from '@libs/testing';
import { localDatesIn, localDayRange, localMonthRange } from '@libs/admin-units';
import { ClickHouseKpiEngine } from './engine/clickhouse-kpi-engine';
import { ReferenceCountRepository } from './references/reference-count.repository';
import { dropTestDatabase, emptyTables, openTestDatabase, storeEvents } from '../test/kpi-store-test-kit';

/**
 * The engine against the reference evaluator on events generated from each formula: equal for
 * every kind, over the raw tables and over the rollup, with every event stored twice (separate
 * insert blocks, nothing merged); a district equals its communes' union and their roll-up; an
 * additive month equals the sum of its days.
 */
interface Target {
  kpi: KpiDefinition;
  measureId?: string;
  formula: KpiFormula;
}

const kpi = (id: string): KpiDefinition => {
  const found = findKpi(id);
  if (!found) throw new Error(`no KPI ${id}`);
  return found;
};
const headline = (id: string): Target => ({ kpi: kpi(id), formula: kpi(id).formula });
const measure = (id: string, measureId: string): Target => {
  const found = kpi(id).measures?.find((m) => m.id === measureId);
  if (!found) throw new Error(`no measure ${measureId}`);
  return { kpi: kpi(id), measureId, formula: found.formula };
};

const TARGETS: Target[] = [
  headline('work_files_processed_online_pct'),
  headline('docs_digitally_signed_pct'),
  headline('tthc_dossiers_fully_online_pct'),
  headline('dossiers_on_time_pct'),
  headline('reports_submitted_on_time_pct'),
  headline('officials_qlvb_active_pct'),
  headline('ai_camera_alerts_count'),
  headline('docs_overdue_count'),
  headline('camera_online_pct'),
  measure('ai_camera_alerts_count', 'minutes_to_acknowledge_median'),
  measure('traffic_congestion_events', 'duration_minutes_median'),
  headline('households_fibre_coverage_pct'),
];
const RUNS = 15;
const label = (t: Target) => (t.measureId ? `${t.kpi.id} / ${t.measureId}` : t.kpi.id);

function reference(target: Target, events: readonly KpiEvent[], options: EvaluationOptions): KpiEvaluation {
  return target.measureId
    ? evaluateMeasure(target.kpi, target.measureId, events, options)
    : evaluateKpi(target.kpi, events, options);
}

describe.each(TARGETS.map((t) => [label(t), t] as const))('ClickHouse engine, %s', (_, target) => {
  let db: { id: string; client: AnalyticsStore };
  let raw: ClickHouseKpiEngine;
  let rollup: ClickHouseKpiEngine;
  const evaluate = (engine: ClickHouseKpiEngine, options: EvaluationOptions) =>
    engine.evaluate(target.kpi, options, target.measureId);

  beforeAll(async () => {
    db = await openTestDatabase('kpi_props');
    raw = new ClickHouseKpiEngine(db.client, { rollups: false });
    rollup = new ClickHouseKpiEngine(db.client);
  });
  afterAll(() => dropTestDatabase(db.client, db.id));

  it('equals evaluateKpi, stored twice, at a district and at each commune, and rolls up', async () => {
    await fc.assert(
      fc.asyncProperty(eventsFor(target.formula, true), async (events) => {
        await emptyTables(db.client);
        await storeEvents(db.client, events);
        await storeEvents(db.client, events);
        const district = optionsFor(target.formula, CHILDREN);
        const communes = CHILDREN.map((code) => optionsFor(target.formula, [code]));
        for (const options of [district, ...communes]) {
          const expected = reference(target, events, options);
          expect(await evaluate(raw, options)).toEqual(expected);
          expect(await evaluate(rollup, options)).toEqual(expected);
        }
        const parent = await evaluate(rollup, district);
        const childrenEvents = events.filter((e) => (CHILDREN as readonly string[]).includes(e.unitCode));
        expect(parent).toEqual(reference(target, childrenEvents, district));
        if (parent.combine === 'median') return;
        const rolled = rollUp(
          await Promise.all(communes.map((options) => evaluate(rollup, options))),
          ratioScaleOf(target),
        );
        expect({ numerator: rolled.numerator, denominator: rolled.denominator, value: rolled.value }).toEqual(
          {
            numerator: parent.numerator ?? 0,
            denominator: parent.denominator,
            value: parent.value,
          },
        );
      }),
      { numRuns: RUNS },
    );
  }, 600_000);

  const formula = target.formula;
  const additive =
    formula.kind === 'count' ||
    formula.kind === 'time_weighted_up' ||
    (formula.kind === 'ratio' && !isReferenceCount(formula.denominator));
  if (additive) {
    it('over a month, has the N and D of the sum over its days (hourly sets merged into days and the month)', async () => {
      await fc.assert(
        fc.asyncProperty(eventsFor(target.formula, false), async (events) => {
          await emptyTables(db.client);
          await storeEvents(db.client, events);
          await storeEvents(db.client, events);
          const month = await evaluate(rollup, optionsFor(formula, CHILDREN));
          const days = await Promise.all(
            localDatesIn(JUNE).map((date) =>
              evaluate(rollup, optionsFor(formula, CHILDREN, localDayRange(date))),
            ),
          );
          expect(days.reduce((sum, d) => sum + (d.numerator ?? 0), 0)).toBe(month.numerator);
          if (month.denominator !== null) {
            expect(days.reduce((sum, d) => sum + (d.denominator ?? 0), 0)).toBe(month.denominator);
          }
        }),
        { numRuns: 5 },
      );
    }, 600_000);
  }

  if (formula.kind === 'ratio' && isReferenceCount(formula.denominator)) {
    const name = formula.denominator.reference;
    it('reads the reference denominator from reference_counts when the caller passes none', async () => {
      await fc.assert(
        fc.asyncProperty(eventsFor(formula, true), async (events) => {
          await emptyTables(db.client);
          await storeEvents(db.client, events);
          const options = optionsFor(formula, CHILDREN);
          const repository = new ReferenceCountRepository(db.client);
          // An older roster, then the one in force, then a later one not yet valid.
          await repository.upsert(
            [{ unitCode: '26734', reference: name, count: 2, validFrom: '2025-01-01' }],
            new Date('2025-01-01T00:00:00Z'),
          );
          await repository.upsert(
            [
              { unitCode: '26734', reference: name, count: 7, validFrom: '2025-01-01' },
              { unitCode: '26737', reference: name, count: 5, validFrom: '2025-05-01' },
              { unitCode: '26737', reference: name, count: 50, validFrom: '2025-07-01' },
            ],
            new Date('2025-02-01T00:00:00Z'),
          );
          const stored = await evaluate(rollup, { ...options, references: undefined });
          expect(stored).toEqual(reference(target, events, options));
        }),
        { numRuns: 5 },
      );
    }, 600_000);
  }
});

describe('ClickHouse engine, local periods', () => {
  let db: { id: string; client: AnalyticsStore };
  beforeAll(async () => {
    db = await openTestDatabase('kpi_months');
  });
  afterAll(() => dropTestDatabase(db.client, db.id));

  it('counts an event at 23:30 local on the last day of a month in that month, not the next', async () => {
    const alerts = kpi('ai_camera_alerts_count');
    // No two adjacent: each following month must count nothing.
    const months = ['2025-01', '2025-06', '2025-12', '2026-02', '2028-02'];
    const events = months.map((label) => {
      const lastDay = localDatesIn(localMonthRange(label)).at(-1) as string;
      return kpiEvent(
        `late-${label}`,
        'camera.alert.raised',
        `${lastDay}T23:30:00+07:00`,
        { alertId: label },
        '26734',
      );
    });
    await storeEvents(db.client, events);
    for (const engine of [
      new ClickHouseKpiEngine(db.client, { rollups: false }),
      new ClickHouseKpiEngine(db.client),
    ]) {
      for (const label of months) {
        const range = localMonthRange(label);
        const next = localMonthRange(new Date(range.end.getTime() + 86_400_000).toISOString().slice(0, 7));
        const options = { unitCodes: ['26734'], asOf: new Date('2030-01-01T00:00:00Z') };
        expect((await engine.evaluate(alerts, { ...options, range })).value).toBe(1);
        expect((await engine.evaluate(alerts, { ...options, range: next })).value).toBe(0);
      }
    }
  });

  it('over whole local days and ragged ends (daily states, partial days from member rows) counts what the raw tables count, stored twice', async () => {
    const onestop = kpi('tthc_dossiers_on_central_onestop_pct');
    const days = ['2026-03-01', '2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05'];
    const received = (id: string, at: string, dossierId: string, central: boolean) =>
      kpiEvent(id, 'onestop.dossier.received', at, { dossierId, onCentralOneStop: central }, '26737');
    const events = days.flatMap((day, d) =>
      ['00:10', '12:00', '23:50'].map((time, t) =>
        received(`r-${day}-${t}`, `${day}T${time}:00+07:00`, `D-${day}-${t}`, (d + t) % 2 === 0),
      ),
    );
    // The same dossier received again on a later day counts once over a window holding both.
    events.push(received('again', '2026-03-03T08:00:00+07:00', 'D-2026-03-01-1', true));
    await storeEvents(db.client, events);
    await storeEvents(db.client, events);
    const at = (iso: string) => new Date(iso);
    const ranges = [
      { start: at('2026-03-01T00:00:00+07:00'), end: at('2026-03-06T00:00:00+07:00') },
      { start: at('2026-03-01T12:30:00+07:00'), end: at('2026-03-04T23:55:00+07:00') },
      { start: at('2026-02-28T23:00:00+07:00'), end: at('2026-03-03T00:05:00+07:00') },
      { start: at('2026-03-02T00:00:00+07:00'), end: at('2026-03-05T00:00:00+07:00') },
    ];
    const options = { unitCodes: ['26737'], asOf: at('2026-03-04T23:55:00+07:00') };
    for (const range of ranges) {
      const [raw, rollup] = await Promise.all(
        [new ClickHouseKpiEngine(db.client, { rollups: false }), new ClickHouseKpiEngine(db.client)].map(
          (engine) => engine.evaluate(onestop, { ...options, range }),
        ),
      );
      expect(rollup).toEqual(raw);
      expect(raw.denominator).toBeGreaterThan(0);
    }
    const whole = await new ClickHouseKpiEngine(db.client).evaluate(onestop, {
      unitCodes: ['26737'],
      range: ranges[0],
      asOf: at('2030-01-01T00:00:00Z'),
    });
    expect(whole.denominator).toBe(15);
  });
});
