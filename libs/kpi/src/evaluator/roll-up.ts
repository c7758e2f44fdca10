import type { Combine, KpiEvaluation } from './evaluate-kpi';

export interface KpiRollUp {
  kpiId: string;
  measureId?: string;
  combine: Combine;
  numerator: number;
  denominator: number | null;
  /** scale × ΣN / ΣD for ratios (100 for a percentage), or ΣN for sums. Null when no child had data (or ΣD is 0). */
  value: number | null;
  children: number;
  /** Children with no value (no feed, empty denominator) or whose figure cannot be added up. */
  childrenWithoutData: number;
}

/**
 * A parent's value from its children's: numerators and denominators add up, a ratio (a percentage,
 * a rate, a figure per head) is never averaged, and a child without data adds nothing rather than a
 * zero. `ratioScale` is the KPI's `ratioScaleOf(definition)`. Medians and figures that do not add
 * up cannot be combined: evaluate the parent over the union of its children's events instead.
 */
export function rollUp(children: readonly KpiEvaluation[], ratioScale: number): KpiRollUp {
  if (children.length === 0) throw new Error('rollUp needs at least one child');
  const [first] = children;
  for (const child of children) {
    if (
      child.kpiId !== first.kpiId ||
      child.measureId !== first.measureId ||
      child.combine !== first.combine
    ) {
      throw new Error(
        `rollUp mixes ${first.kpiId} with ${child.kpiId}${child.measureId ? `/${child.measureId}` : ''}`,
      );
    }
  }
  if (first.combine === 'median' || first.combine === 'none') {
    throw new Error(
      `${first.kpiId}: a ${first.combine === 'median' ? 'median' : 'figure that does not add up'} cannot be rolled up; evaluate it over the union of the children's events`,
    );
  }
  let numerator = 0;
  let denominator = 0;
  let childrenWithoutData = 0;
  let anyData = false;
  for (const child of children) {
    const addable = child.numerator !== null && (first.combine === 'sum' || child.denominator !== null);
    if (addable) {
      numerator += child.numerator ?? 0;
      denominator += child.denominator ?? 0;
    }
    if (child.value === null || !addable) childrenWithoutData += 1;
    else anyData = true;
  }
  const value =
    first.combine === 'ratio'
      ? denominator > 0
        ? (ratioScale * numerator) / denominator
        : null
      : anyData
        ? numerator
        : null;
  return {
    kpiId: first.kpiId,
    ...(first.measureId ? { measureId: first.measureId } : {}),
    combine: first.combine,
    numerator,
    denominator: first.combine === 'ratio' ? denominator : null,
    value,
    children: children.length,
    childrenWithoutData,
  };
}
