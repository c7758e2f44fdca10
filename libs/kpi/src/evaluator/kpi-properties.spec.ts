import * as fc from 'fast-check';
import {
  AdministrativeHierarchy,
  DEFAULT_UNIT_MAPPINGS_CSV,
  DEFAULT_UNITS_CSV,
  localDatesIn,
  localDayRange,
  localMonthRange,
} from '@libs/admin-units';
import { findKpi, KPI_CATALOG } from '../catalog/kpi-catalog';
import { ratioScaleOf, type KpiDefinition } from '../catalog/kpi-definition';
import { isReferenceCount, type KpiFormula } from '../catalog/kpi-formula';
import { eventsFor, JUNE, kpiEvent, optionsFor } from '@libs/testing';
import { evaluateKpi, evaluateMeasure, type EvaluationOptions, type KpiEvaluation } from './evaluate-kpi';
import type { KpiEvent } from './kpi-event';
import { rollUp } from './roll-up';

/**
 * Invariants every KPI must keep, over events generated from its own formula: redelivery changes
 * nothing; a parent equals the union of its children's events and the roll-up of their N and D;
 * additive KPIs over a month equal the sum over its days; local month boundaries hold at 23:30.
 */
const hierarchy = AdministrativeHierarchy.fromCsv(DEFAULT_UNITS_CSV, DEFAULT_UNIT_MAPPINGS_CSV);
const DISTRICT = '248';
const CHILDREN = hierarchy.communesUnder(DISTRICT, '2025-06-15').map((u) => u.code);
const DAY_MS = 86_400_000;

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

function evaluate(target: Target, events: readonly KpiEvent[], options: EvaluationOptions): KpiEvaluation {
  return target.measureId
    ? evaluateMeasure(target.kpi, target.measureId, events, options)
    : evaluateKpi(target.kpi, events, options);
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
        const rolled = rollUp(children, ratioScaleOf(target));
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
