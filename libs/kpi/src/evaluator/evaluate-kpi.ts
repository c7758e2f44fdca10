import type { SourceId } from '@libs/contracts';
import type { TimeRange } from '@libs/admin-units';
import type { KpiDefinition, KpiUnit } from '../catalog/kpi-definition';
import { isReferenceCount, type KpiFormula } from '../catalog/kpi-formula';
import { EventIndex } from './event-index';
import { entitiesByUnit, type Window } from './event-set-measure';
import type { KpiEvent } from './kpi-event';
import { evaluationOf, type FormulaResult, type Measured } from './evaluation-of';
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
/** none: a figure that does not add up across units (shown per unit only). */
export type Combine = 'ratio' | 'sum' | 'median' | 'none';

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
  const sizes = (sets: Map<string, ReadonlySet<string>>) =>
    new Map([...sets].map(([u, keys]) => [u, keys.size]));
  return evaluationOf({
    formula,
    unit,
    scope: [...scope],
    fed: new Set([...scope].filter((u) => index.hasFeed(u, sources))),
    references: measuredReferences(formula, options.references),
    measured: measure(formula, index, scope, window, cutoff, range),
    base: {
      asOf: asOf.toISOString(),
      range: { start: range.start.toISOString(), end: range.end.toISOString() },
    },
  });

  function measure(
    f: KpiFormula,
    idx: EventIndex,
    units: ReadonlySet<string>,
    w: Window,
    end: number,
    r: TimeRange,
  ): Measured {
    switch (f.kind) {
      case 'ratio':
        return {
          kind: 'sets',
          numerators: sizes(entitiesByUnit(f.numerator, idx, units, w)),
          ...(isReferenceCount(f.denominator)
            ? {}
            : { denominators: sizes(entitiesByUnit(f.denominator, idx, units, w)) }),
        };
      case 'count':
        return { kind: 'sets', numerators: sizes(entitiesByUnit(f.of, idx, units, w)) };
      case 'open_overdue':
        return { kind: 'open_overdue', counts: openOverdueByUnit(f, idx, units, end) };
      case 'time_weighted_up': {
        const byUnit = timeWeightedUpByUnit(f, idx, units, w);
        return {
          kind: 'time_weighted_up',
          up: new Map([...byUnit].map(([u, t]) => [u, t.upSeconds])),
          registered: new Map([...byUnit].map(([u, t]) => [u, t.registeredSeconds])),
        };
      }
      case 'median_delay': {
        const byUnit = delaySamplesByUnit(f, idx, units, w);
        const samples = [...units].filter((u) => idx.hasFeed(u, sources)).flatMap((u) => byUnit.get(u) ?? []);
        return { kind: 'median_delay', samples: samples.length, median: median(samples) };
      }
      case 'reported':
        return { kind: 'reported', chosen: chosenReportsByUnit(f, idx, units, r) };
    }
  }
}

/** A ratio over reference data reads that reference's counts per unit; other formulas read none. */
function measuredReferences(
  formula: KpiFormula,
  references: References | undefined,
): Readonly<Record<string, number>> | undefined {
  return formula.kind === 'ratio' && isReferenceCount(formula.denominator)
    ? referenceOf(references, formula.denominator.reference)
    : undefined;
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
