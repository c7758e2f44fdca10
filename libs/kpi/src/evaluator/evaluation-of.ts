import { reportedRollUpOf, type KpiUnit } from '../catalog/kpi-definition';
import { PERCENT_SCALE, type KpiFormula } from '../catalog/kpi-formula';
import type { KpiEvaluation, NoDataReason } from './evaluate-kpi';

/**
 * Turns what was measured per unit (in memory by the reference evaluator, or by ClickHouse queries)
 * into a KpiEvaluation, so both follow one set of rules: units without a feed contribute nothing and
 * are listed, a reference denominator leaves out units without a count, absent is never zero.
 */

export type Base = Pick<KpiEvaluation, 'asOf' | 'range'>;
export type FormulaResult = Omit<KpiEvaluation, 'kpiId' | 'measureId'>;

/** The report that stands for a unit's period; only its figures matter here. */
export interface ChosenReport {
  eventId: string;
  value: number;
  numerator: number | null;
  denominator: number | null;
}

/** What one group (the whole scope, or one breakdown key) measured. */
export type Measured =
  | { kind: 'sets'; numerators: Map<string, number>; denominators?: Map<string, number> }
  | { kind: 'open_overdue'; counts: Map<string, number> }
  | { kind: 'time_weighted_up'; up: Map<string, number>; registered: Map<string, number> }
  | { kind: 'median_delay'; samples: number; median: number | null }
  | { kind: 'reported'; chosen: Map<string, ChosenReport> };

export interface EvaluationInput {
  formula: KpiFormula;
  unit: KpiUnit;
  /** The scope, each unit once, in the caller's order. */
  scope: readonly string[];
  fed: ReadonlySet<string>;
  /** Reference counts by unit, for a ratio over a reference. */
  references?: Readonly<Record<string, number>>;
  measured: Measured;
  base: Base;
}

export function evaluationOf(input: EvaluationInput): FormulaResult {
  const { formula, scope, base, measured } = input;
  const fed = scope.filter((u) => input.fed.has(u));
  const without = (contributing: readonly string[]): string[] =>
    scope.filter((u) => !contributing.includes(u)).sort();
  switch (measured.kind) {
    case 'sets': {
      if (formula.kind === 'count') {
        const n = fed.reduce((sum, u) => sum + (measured.numerators.get(u) ?? 0), 0);
        return sumResult(fed.length === 0 ? null : n, without(fed), base);
      }
      const references = input.references;
      const contributing = references ? fed.filter((u) => references[u] !== undefined) : fed;
      let n = 0;
      let d = 0;
      for (const u of contributing) {
        n += measured.numerators.get(u) ?? 0;
        d += references ? references[u] : (measured.denominators?.get(u) ?? 0);
      }
      const noData = fed.length === 0 ? 'no_feed' : contributing.length === 0 ? 'no_reference' : null;
      return ratioResult(n, d, noData, without(contributing), base);
    }
    case 'open_overdue': {
      const n = fed.reduce((sum, u) => sum + (measured.counts.get(u) ?? 0), 0);
      return sumResult(fed.length === 0 ? null : n, without(fed), base);
    }
    case 'time_weighted_up': {
      let n = 0;
      let d = 0;
      for (const u of fed) {
        n += measured.up.get(u) ?? 0;
        d += measured.registered.get(u) ?? 0;
      }
      return ratioResult(n, d, fed.length === 0 ? 'no_feed' : null, without(fed), base);
    }
    case 'median_delay': {
      const noData = fed.length === 0 ? 'no_feed' : measured.median === null ? 'no_samples' : null;
      return {
        combine: 'median',
        numerator: fed.length === 0 ? 0 : measured.samples,
        denominator: null,
        value: fed.length === 0 ? null : measured.median,
        noData,
        unitsWithoutData: without(fed),
        ...base,
      };
    }
    case 'reported': {
      if (formula.kind !== 'reported')
        throw new Error(`reported figures measured for a ${formula.kind} formula`);
      switch (reportedRollUpOf(formula, input.unit)) {
        case 'not_additive':
          return notAdditiveResult(scope, measured.chosen, base, without);
        case 'sum': {
          const n = [...measured.chosen.values()].reduce((sum, r) => sum + r.value, 0);
          return sumResult(measured.chosen.size === 0 ? null : n, without([...measured.chosen.keys()]), base);
        }
        case 'ratio':
          return reportedRatio(formula.scale ?? PERCENT_SCALE, scope, measured.chosen, base, without);
      }
    }
  }
}

/** A rate, a share or a figure per head: scale × ΣN / ΣD over the units that reported N and D. */
function reportedRatio(
  scale: number,
  scope: readonly string[],
  chosen: Map<string, ChosenReport>,
  base: Base,
  without: (contributing: readonly string[]) => string[],
): FormulaResult {
  const additive = [...chosen].filter(([, r]) => r.numerator !== null && r.denominator !== null);
  const only = chosen.size === 1 && scope.length === 1 ? [...chosen.values()][0] : undefined;
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
  return ratioResult(n, d, noData, without(additive.map(([u]) => u)), base, scale);
}

/** A figure that does not add up (an average income): a unit's own value, never a parent's. */
function notAdditiveResult(
  scope: readonly string[],
  chosen: Map<string, ChosenReport>,
  base: Base,
  without: (contributing: readonly string[]) => string[],
): FormulaResult {
  const own = scope.length === 1 ? chosen.get(scope[0]) : undefined;
  return {
    combine: 'none',
    numerator: null,
    denominator: null,
    value: own?.value ?? null,
    noData: own ? null : chosen.size === 0 ? 'no_feed' : 'not_additive',
    unitsWithoutData: own ? [] : without([]),
    ...base,
  };
}

function ratioResult(
  n: number,
  d: number,
  noData: NoDataReason | null,
  unitsWithoutData: string[],
  base: Base,
  scale = PERCENT_SCALE,
): FormulaResult {
  const reason = noData ?? (d === 0 ? 'empty_denominator' : null);
  return {
    combine: 'ratio',
    numerator: n,
    denominator: d,
    value: reason === null ? (scale * n) / d : null,
    noData: reason,
    unitsWithoutData,
    ...base,
  };
}

function sumResult(n: number | null, unitsWithoutData: string[], base: Base): FormulaResult {
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
