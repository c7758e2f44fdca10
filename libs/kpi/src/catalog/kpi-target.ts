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
  /** Where the figure is stated, as a reader cites it: document number, date, issuer, section. */
  citation: string;
  note?: string;
}

/** A government plan that sets targets. */
export interface Plan {
  name: string;
  issuer: string;
  /** The document as Vietnamese officials cite it: kind, number, date, issuer (the number when it has one). */
  reference: string;
}

export interface PlanFigure {
  level: UnitLevel;
  year: number;
  comparator: Comparator;
  value: number;
  /** The plan's section stating the figure, in its own numbering (e.g. I.1.2.1.a: part I, 1.2.1, point a). */
  section: string;
  note?: string;
}

export function planTarget(plan: Plan, figure: PlanFigure): KpiTarget {
  const { section, ...rest } = figure;
  return { plan: plan.name, issuer: plan.issuer, ...rest, citation: `${plan.reference}, mục ${section}` };
}
