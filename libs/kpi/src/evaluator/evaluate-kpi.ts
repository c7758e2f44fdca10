import type { SourceId } from '@libs/contracts';
import type { TimeRange } from '../calendar/local-calendar';
import type { KpiDefinition, KpiUnit } from '../catalog/kpi-definition';
import { isReferenceCount, type KpiFormula } from '../catalog/kpi-formula';
import { EventIndex } from './event-index';
import { entitiesByUnit, type Window } from './event-set-measure';
import type { KpiEvent } from './kpi-event';
import { chosenReportsByUnit } from './reported-measure';
import { delaySamplesByUnit, median, openOverdueByUnit, timeWeightedUpByUnit } from './state-measures';

/** Reference data by name, then by unit code: e.g. `{ qlvb_officials: { '26734': 12 } }`. */
export type References = Readonly<Record<string, Readonly<Record<string, number>>>>;

export interface EvaluationOptions {
  /** The units whose events count (a commune, or all units under a district or province). */
  unitCodes: readonly string[];
  range: TimeRange;
  /** Exclusive: only events that occurred before it are known. */
  asOf: Date;
  references?: References;
}

/** How values of different units or periods combine: ratios and sums add N (and D); medians do not. */
export type Combine = 'ratio' | 'sum' | 'median';

/**
 * Why a value is absent. Absent is never zero: no unit in scope has a feed; a reference
 * denominator is missing; the denominator is empty (a ratio of 0/0); nothing to take a median of;
 * or only reported values that cannot be added up.
 */
export type NoDataReason = 'no_feed' | 'no_reference' | 'empty_denominator' | 'no_samples' | 'not_additive';

export interface KpiEvaluation {
  kpiId: string;
  /** Set when this is one of the KPI's further measures rather than its headline value. */
  measureId?: string;
  combine: Combine;
  /** Sum over contributing units: matching entities, a count, up-seconds, or median samples. Null: not additive. */
  numerator: number | null;
  /** Ratios only. */
  denominator: number | null;
  /** 100 × N / D for ratios; the count for sums; minutes for medians. Null: no data. */
  value: number | null;
  noData: NoDataReason | null;
  /** Units in scope that contributed nothing: no feed, no reference count, or an unaddable report. */
  unitsWithoutData: string[];
  asOf: string;
  range: { start: string; end: string };
}

/** The headline value of a KPI over in-memory events: the executable specification of the formula. */
export function evaluateKpi(
  definition: KpiDefinition,
  events: readonly KpiEvent[],
  options: EvaluationOptions,
): KpiEvaluation {
  return {
    kpiId: definition.id,
    ...evaluateFormula(definition.formula, definition.unit, definition.sources, events, options),
  };
}

/** One of a KPI's further measures (e.g. the median time to acknowledge an alert). */
export function evaluateMeasure(
  definition: KpiDefinition,
  measureId: string,
  events: readonly KpiEvent[],
  options: EvaluationOptions,
): KpiEvaluation {
  const measure = definition.measures?.find((m) => m.id === measureId);
  if (!measure) throw new Error(`KPI ${definition.id} has no measure ${measureId}`);
  return {
    kpiId: definition.id,
    measureId,
    ...evaluateFormula(measure.formula, measure.unit, definition.sources, events, options),
  };
}

type FormulaResult = Omit<KpiEvaluation, 'kpiId' | 'measureId'>;

function evaluateFormula(
  formula: KpiFormula,
  unit: KpiUnit,
  sources: readonly SourceId[],
  events: readonly KpiEvent[],
  options: EvaluationOptions,
): FormulaResult {
  const { range, asOf } = options;
  if (!(range.start < range.end)) throw new RangeError('range must end after it starts');
  const scope = new Set(options.unitCodes);
  const index = new EventIndex(events, asOf);
  const cutoff = Math.min(range.end.getTime(), asOf.getTime());
  const window: Window = { start: range.start.getTime(), end: cutoff };
  const fed = [...scope].filter((u) => index.hasFeed(u, sources));
  const base = {
    asOf: asOf.toISOString(),
    range: { start: range.start.toISOString(), end: range.end.toISOString() },
  };
  const without = (contributing: readonly string[]): string[] =>
    [...scope].filter((u) => !contributing.includes(u)).sort();

  switch (formula.kind) {
    case 'ratio': {
      const denominator = formula.denominator;
      const referenceCounts = isReferenceCount(denominator)
        ? referenceOf(options.references, denominator.reference)
        : undefined;
      const contributing = referenceCounts ? fed.filter((u) => referenceCounts[u] !== undefined) : fed;
      const numerators = entitiesByUnit(formula.numerator, index, scope, window);
      const denominators = isReferenceCount(denominator)
        ? undefined
        : entitiesByUnit(denominator, index, scope, window);
      let n = 0;
      let d = 0;
      for (const u of contributing) {
        n += numerators.get(u)?.size ?? 0;
        d += referenceCounts ? referenceCounts[u] : (denominators?.get(u)?.size ?? 0);
      }
      const noData = fed.length === 0 ? 'no_feed' : contributing.length === 0 ? 'no_reference' : null;
      return ratioResult(n, d, noData, without(contributing), base);
    }
    case 'time_weighted_up': {
      const byUnit = timeWeightedUpByUnit(formula, index, scope, window);
      let n = 0;
      let d = 0;
      for (const u of fed) {
        n += byUnit.get(u)?.upSeconds ?? 0;
        d += byUnit.get(u)?.registeredSeconds ?? 0;
      }
      return ratioResult(n, d, fed.length === 0 ? 'no_feed' : null, without(fed), base);
    }
    case 'count':
    case 'open_overdue': {
      const counts =
        formula.kind === 'count'
          ? new Map([...entitiesByUnit(formula.of, index, scope, window)].map(([u, keys]) => [u, keys.size]))
          : openOverdueByUnit(formula, index, scope, cutoff);
      const n = fed.reduce((sum, u) => sum + (counts.get(u) ?? 0), 0);
      return sumResult(fed.length === 0 ? null : n, without(fed), base);
    }
    case 'median_delay': {
      const byUnit = delaySamplesByUnit(formula, index, scope, window);
      const samples = fed.flatMap((u) => byUnit.get(u) ?? []);
      const value = median(samples);
      const noData = fed.length === 0 ? 'no_feed' : value === null ? 'no_samples' : null;
      return {
        combine: 'median',
        numerator: samples.length,
        denominator: null,
        value,
        noData,
        unitsWithoutData: without(fed),
        ...base,
      };
    }
    case 'reported': {
      const chosen = chosenReportsByUnit(formula, index, scope, range);
      if (unit !== '%') {
        const n = [...chosen.values()].reduce((sum, r) => sum + r.value, 0);
        return sumResult(chosen.size === 0 ? null : n, without([...chosen.keys()]), base);
      }
      const additive = [...chosen].filter(([, r]) => r.numerator !== null && r.denominator !== null);
      const only = chosen.size === 1 && scope.size === 1 ? [...chosen.values()][0] : undefined;
      if (only && additive.length === 0) {
        // One unit's own figure, reported without N and D: shown as is, but it cannot be added up.
        return {
          combine: 'ratio',
          numerator: null,
          denominator: null,
          value: only.value,
          noData: null,
          unitsWithoutData: [],
          ...base,
        };
      }
      const n = additive.reduce((sum, [, r]) => sum + (r.numerator ?? 0), 0);
      const d = additive.reduce((sum, [, r]) => sum + (r.denominator ?? 0), 0);
      const noData = chosen.size === 0 ? 'no_feed' : additive.length === 0 ? 'not_additive' : null;
      return ratioResult(n, d, noData, without(additive.map(([u]) => u)), base);
    }
  }
}

function ratioResult(
  n: number,
  d: number,
  noData: NoDataReason | null,
  unitsWithoutData: string[],
  base: Pick<KpiEvaluation, 'asOf' | 'range'>,
): FormulaResult {
  const reason = noData ?? (d === 0 ? 'empty_denominator' : null);
  return {
    combine: 'ratio',
    numerator: n,
    denominator: d,
    value: reason === null ? (100 * n) / d : null,
    noData: reason,
    unitsWithoutData,
    ...base,
  };
}

function sumResult(
  n: number | null,
  unitsWithoutData: string[],
  base: Pick<KpiEvaluation, 'asOf' | 'range'>,
): FormulaResult {
  return {
    combine: 'sum',
    numerator: n ?? 0,
    denominator: null,
    value: n,
    noData: n === null ? 'no_feed' : null,
    unitsWithoutData,
    ...base,
  };
}

function referenceOf(references: References | undefined, name: string): Readonly<Record<string, number>> {
  const counts = references?.[name] ?? {};
  for (const [unitCode, count] of Object.entries(counts)) {
    if (!Number.isInteger(count) || count < 0) {
      throw new Error(`reference ${name}: the count for unit ${unitCode} must be a whole number ≥ 0`);
    }
  }
  return counts;
}
