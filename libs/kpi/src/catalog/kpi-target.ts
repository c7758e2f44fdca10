import type { UnitLevel } from '@libs/admin-units';

/**
 * How a plan states its figure: bare "100%" or "đạt" → '='; "trên" → '>'; "ít nhất", "từ … trở lên",
 * "tối thiểu" → '≥'; "khoảng" → '~'; "phấn đấu" → 'aspirational'. See `kpiStatus` for how each is judged.
 */
export const COMPARATORS = ['=', '>', '≥', '~', 'aspirational'] as const;
export type Comparator = (typeof COMPARATORS)[number];

/** One plan's figure for one KPI, level and year, with where it comes from. */
export interface KpiTarget {
  /** The plan's name; a unit lists the plans it falls under by these names. */
  plan: string;
  issuer: string;
  level: UnitLevel;
  year: number;
  comparator: Comparator;
  value: number;
  /** Where the figure is stated: `seed <file>, line <n>`. */
  citation: string;
  note?: string;
}

/** A government plan that sets targets. `seed` is the short name of the plan's text in the seed set. */
export interface Plan {
  name: string;
  issuer: string;
  seed: string;
}

export interface PlanFigure {
  level: UnitLevel;
  year: number;
  comparator: Comparator;
  value: number;
  line: number;
  note?: string;
}

export function planTarget(plan: Plan, figure: PlanFigure): KpiTarget {
  const { line, ...rest } = figure;
  return { plan: plan.name, issuer: plan.issuer, ...rest, citation: `seed ${plan.seed}, line ${line}` };
}
