import * as fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { localDatesIn, localMonthRange, localYearRange } from '../calendar/local-periods';
import { localDayRange, type TimeRange } from '../calendar/local-calendar';
import { findKpi, KPI_CATALOG } from '../catalog/kpi-catalog';
import type { KpiDefinition } from '../catalog/kpi-definition';
import {
  isReferenceCount,
  REPORTED_INDICATOR_TYPE,
  type CorrelatedSet,
  type EventSet,
  type KpiFormula,
  type Scalar,
} from '../catalog/kpi-formula';
import { AdministrativeHierarchy } from '../hierarchy/administrative-hierarchy';
import { kpiEvent } from '../scenarios/kpi-scenario';
import { evaluateKpi, evaluateMeasure, type EvaluationOptions, type KpiEvaluation } from './evaluate-kpi';
import type { KpiEvent } from './kpi-event';
import { rollUp } from './roll-up';

/**
 * Invariants every KPI must keep, over events generated from its own formula: redelivery changes
 * nothing; a parent equals the union of its children's events and the roll-up of their N and D;
 * additive KPIs over a month equal the sum over its days; local month boundaries hold at 23:30.
 */
const fixtures = join(__dirname, '..', 'hierarchy', 'fixtures');
const hierarchy = AdministrativeHierarchy.fromCsv(
  readFileSync(join(fixtures, 'units.csv'), 'utf8'),
  readFileSync(join(fixtures, 'unit-mappings.csv'), 'utf8'),
);
const DISTRICT = '248';
const CHILDREN = hierarchy.communesUnder(DISTRICT, '2025-06-15').map((u) => u.code);
const OUTSIDER = '26740';

const DAY_MS = 86_400_000;
const JUNE = localMonthRange('2025-06');
const YEAR = localYearRange('2025');

interface Target {
  label: string;
  kpi: KpiDefinition;
  measureId?: string;
  formula: KpiFormula;
}

const TARGETS: Target[] = KPI_CATALOG.flatMap((kpi) => [
  { label: kpi.id, kpi, formula: kpi.formula },
  ...(kpi.measures ?? []).map((m) => ({
    label: `${kpi.id} / ${m.id}`,
    kpi,
    measureId: m.id,
    formula: m.formula,
  })),
]);

function optionsFor(formula: KpiFormula, unitCodes: readonly string[], range?: TimeRange): EvaluationOptions {
  const reported = formula.kind === 'reported';
  const references = Object.fromEntries(
    ['qlvb_officials', 'reporting_agencies'].map((name) => [name, { '26734': 7, '26737': 5, '26740': 3 }]),
  );
  return {
    unitCodes,
    range: range ?? (reported ? YEAR : JUNE),
    asOf: reported ? new Date('2026-03-01T00:00:00+07:00') : new Date(JUNE.end.getTime() + 3 * DAY_MS),
    references,
  };
}

function evaluate(target: Target, events: readonly KpiEvent[], options: EvaluationOptions): KpiEvaluation {
  return target.measureId
    ? evaluateMeasure(target.kpi, target.measureId, events, options)
    : evaluateKpi(target.kpi, events, options);
}

/**
 * Whole-second instants from two days before June 2025 to two days after it, often right at a
 * local midnight (or one second either side), where period boundaries are easiest to get wrong.
 */
const instant = fc
  .oneof(
    fc.integer({
      min: JUNE.start.getTime() / 1000 - 2 * 86_400,
      max: JUNE.end.getTime() / 1000 + 2 * 86_400 - 1,
    }),
    fc
      .tuple(fc.integer({ min: -2, max: 32 }), fc.constantFrom(-1, 0, 1))
      .map(([day, second]) => JUNE.start.getTime() / 1000 + day * 86_400 + second),
  )
  .map((s) => new Date(s * 1000).toISOString());
const unit = fc.constantFrom(...CHILDREN, OUTSIDER);

type Payload = Record<string, unknown>;
type EntityEvents = (index: number) => KpiEvent[];

/** Candidate values for the payload fields a formula's conditions read on one event type. */
function payloadFor(
  sets: readonly { type: string; where?: EventSet['where'] }[],
  type: string,
): fc.Arbitrary<Payload> {
  const fields = new Map<string, Scalar[] | 'date'>();
  for (const set of sets.filter((s) => s.type === type)) {
    for (const c of set.where ?? []) {
      if (c.op === 'not_before_occurrence') fields.set(c.field, 'date');
      else {
        const known = fields.get(c.field);
        const values = c.op === 'in' ? c.values : [c.value];
        fields.set(c.field, [...(Array.isArray(known) ? known : []), ...values]);
      }
    }
  }
  const record: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [field, values] of fields) {
    if (values === 'date') record[field] = instant;
    else if (typeof values[0] === 'boolean') record[field] = fc.boolean();
    else record[field] = fc.constantFrom(...values, 'other');
  }
  return fc.record(record);
}

function eventSetEntity(
  formula: KpiFormula & { kind: 'ratio' | 'count' },
  repeats: boolean,
): fc.Arbitrary<EntityEvents> {
  const sets: EventSet[] =
    formula.kind === 'count'
      ? [formula.of]
      : [formula.numerator, ...(isReferenceCount(formula.denominator) ? [] : [formula.denominator])];
  const main = sets[sets.length - 1];
  const correlated: CorrelatedSet[] = sets.flatMap((s) => s.alsoIn ?? []);
  const dateFields = [main.placedBy, ...correlated.map((c) => c.notAfter)].filter((f): f is string => !!f);
  const others = correlated.map((c) =>
    fc.option(fc.record({ at: instant, payload: payloadFor(correlated, c.type) }), { nil: undefined }),
  );
  return fc
    .record({
      unitCode: unit,
      at: instant,
      payload: payloadFor(sets, main.type),
      dates: fc.tuple(...dateFields.map(() => instant)),
      others: fc.tuple(...others),
      repeatAt: repeats ? fc.option(instant, { nil: undefined }) : fc.constant(undefined),
    })
    .map((e) => (i: number) => {
      const key = main.distinctBy ? { [main.distinctBy]: `k${i}` } : {};
      const dates = Object.fromEntries(dateFields.map((f, n) => [f, e.dates[n]]));
      const payload = { ...e.payload, ...dates, ...key };
      const events = [kpiEvent(`m${i}`, main.type, e.at, payload, e.unitCode)];
      if (e.repeatAt) events.push(kpiEvent(`m${i}r`, main.type, e.repeatAt, payload, e.unitCode));
      correlated.forEach((c, n) => {
        const other = e.others[n];
        if (other)
          events.push(kpiEvent(`o${i}-${n}`, c.type, other.at, { ...other.payload, ...key }, e.unitCode));
      });
      return events;
    });
}

function entityArbitrary(formula: KpiFormula, repeats: boolean): fc.Arbitrary<EntityEvents> {
  switch (formula.kind) {
    case 'ratio':
    case 'count':
      return eventSetEntity(formula, repeats);
    case 'open_overdue':
      return fc
        .record({
          unitCode: unit,
          at: instant,
          due: instant,
          second: fc.constantFrom('U1', 'U2'),
          reassigned: fc.option(fc.record({ at: instant, due: instant }), { nil: undefined }),
          closedAt: fc.option(instant, { nil: undefined }),
        })
        .map((e) => (i: number) => {
          const key = Object.fromEntries(formula.key.map((f, n) => [f, n === 0 ? `k${i}` : e.second]));
          const opened = (id: string, at: string, due: string) =>
            kpiEvent(id, formula.opened.type, at, { ...key, [formula.dueField]: due }, e.unitCode);
          return [
            opened(`a${i}`, e.at, e.due),
            ...(e.reassigned ? [opened(`a${i}r`, e.reassigned.at, e.reassigned.due)] : []),
            ...(e.closedAt ? [kpiEvent(`c${i}`, formula.closed.type, e.closedAt, key, e.unitCode)] : []),
          ];
        });
    case 'time_weighted_up':
      return fc
        .record({
          unitCode: unit,
          at: instant,
          statuses: fc.array(fc.record({ at: instant, up: fc.boolean() }), { maxLength: 4 }),
        })
        .map((e) => (i: number) => [
          kpiEvent(`r${i}`, formula.registered.type, e.at, { [formula.key]: `k${i}` }, e.unitCode),
          ...e.statuses.map((s, n) =>
            kpiEvent(
              `s${i}-${n}`,
              formula.status.type,
              s.at,
              { [formula.key]: `k${i}`, [formula.statusField]: s.up ? formula.upValue : 'down' },
              e.unitCode,
            ),
          ),
        ]);
    case 'median_delay':
      return fc
        .record({
          unitCode: unit,
          at: instant,
          endAt: fc.option(instant, { nil: undefined }),
          resentAt: repeats ? fc.option(instant, { nil: undefined }) : fc.constant(undefined),
        })
        .map((e) => (i: number) => {
          const key = { [formula.key]: `k${i}` };
          return [
            kpiEvent(`b${i}`, formula.start.type, e.at, key, e.unitCode),
            ...(e.resentAt ? [kpiEvent(`b${i}r`, formula.start.type, e.resentAt, key, e.unitCode)] : []),
            ...(e.endAt ? [kpiEvent(`e${i}`, formula.end.type, e.endAt, key, e.unitCode)] : []),
          ];
        });
    case 'reported':
      return fc
        .record({
          unitCode: unit,
          period: fc.constantFrom('2024', '2025', '2025-H1', '2025-Q2', '2025-06', '2025-06-15', '2026-Q1'),
          revision: fc.integer({ min: 1, max: 3 }),
          at: fc
            .integer({ min: 0, max: 400 })
            .map((d) => new Date(YEAR.start.getTime() + d * DAY_MS).toISOString()),
          denominator: fc.integer({ min: 1, max: 1000 }),
          numerator: fc.integer({ min: 0, max: 1000 }),
          bare: fc.boolean(),
        })
        .map((e) => (i: number) => {
          const numerator = e.numerator % (e.denominator + 1);
          const figure = e.bare ? {} : { numerator, denominator: e.denominator };
          const payload = {
            indicatorId: formula.indicatorId,
            period: e.period,
            value: (100 * numerator) / e.denominator,
            dataSource: 'source',
            revision: e.revision,
            ...figure,
          };
          return [kpiEvent(`p${i}`, REPORTED_INDICATOR_TYPE, e.at, payload, e.unitCode)];
        });
  }
}

function eventsFor(formula: KpiFormula, repeats: boolean): fc.Arbitrary<KpiEvent[]> {
  return fc
    .array(entityArbitrary(formula, repeats), { maxLength: 25 })
    .map((entities) => entities.flatMap((build, i) => build(i)));
}

const numbers = (e: Pick<KpiEvaluation, 'numerator' | 'denominator' | 'value'>) => ({
  numerator: e.numerator,
  denominator: e.denominator,
  value: e.value,
});

describe.each(TARGETS.map((t) => [t.label, t] as const))('%s', (_, target) => {
  const parentOptions = optionsFor(target.formula, CHILDREN);

  it('does not change when every event is delivered twice, in any order', () => {
    fc.assert(
      fc.property(eventsFor(target.formula, true), fc.integer(), (events, seed) => {
        const shuffled = [...events, ...events]
          .map((e, n) => ({ e, order: Math.sin(seed + n) }))
          .sort((a, b) => a.order - b.order)
          .map(({ e }) => e);
        expect(evaluate(target, shuffled, parentOptions)).toEqual(evaluate(target, events, parentOptions));
      }),
      { numRuns: 60 },
    );
  });

  it("equals, at the district, the KPI over the union of its communes' events and the roll-up of their N and D", () => {
    fc.assert(
      fc.property(eventsFor(target.formula, true), (events) => {
        const parent = evaluate(target, events, parentOptions);
        const childrenEvents = events.filter((e) => CHILDREN.includes(e.unitCode));
        expect(evaluate(target, childrenEvents, parentOptions)).toEqual(parent);
        if (parent.combine === 'median') return;
        const children = CHILDREN.map((code) => evaluate(target, events, optionsFor(target.formula, [code])));
        const rolled = rollUp(children);
        expect(numbers({ ...parent, numerator: parent.numerator ?? 0 })).toEqual(numbers(rolled));
        expect(rolled.childrenWithoutData).toBe(
          children.filter((c) => c.value === null || c.numerator === null).length,
        );
      }),
      { numRuns: 60 },
    );
  });

  const additiveOverTime =
    target.formula.kind === 'count' ||
    target.formula.kind === 'time_weighted_up' ||
    (target.formula.kind === 'ratio' && !isReferenceCount(target.formula.denominator));
  if (additiveOverTime)
    it('over a month, has the N and D of the sum over its days', () => {
      fc.assert(
        fc.property(eventsFor(target.formula, false), (events) => {
          const month = evaluate(target, events, parentOptions);
          const days = localDatesIn(JUNE).map((date) =>
            evaluate(target, events, optionsFor(target.formula, CHILDREN, localDayRange(date))),
          );
          expect(days.reduce((sum, d) => sum + (d.numerator ?? 0), 0)).toBe(month.numerator);
          if (month.denominator !== null) {
            expect(days.reduce((sum, d) => sum + (d.denominator ?? 0), 0)).toBe(month.denominator);
          }
        }),
        { numRuns: 25 },
      );
    });
});

describe('local periods in KPI values', () => {
  it('counts an event at 23:30 local on the last day of a month in that month, not the next', () => {
    const alerts = findKpi('ai_camera_alerts_count') as KpiDefinition;
    const months = fc.record({
      year: fc.integer({ min: 2001, max: 2089 }),
      month: fc.integer({ min: 1, max: 12 }),
    });
    fc.assert(
      fc.property(months, ({ year, month }) => {
        const label = `${year}-${String(month).padStart(2, '0')}`;
        const range = localMonthRange(label);
        const lastDay = localDatesIn(range).at(-1) as string;
        const event = kpiEvent('late', 'camera.alert.raised', `${lastDay}T23:30:00+07:00`, {
          alertId: 'A',
          cameraId: 'C',
          alertType: 'crowd',
          severity: 'info',
        });
        const next = localMonthRange(new Date(range.end.getTime() + DAY_MS).toISOString().slice(0, 7));
        const asOf = next.end;
        expect(evaluateKpi(alerts, [event], { unitCodes: ['26734'], range, asOf }).value).toBe(1);
        expect(evaluateKpi(alerts, [event], { unitCodes: ['26734'], range: next, asOf }).value).toBe(0);
      }),
      { numRuns: 200 },
    );
  });
});
