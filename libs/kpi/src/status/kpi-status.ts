import type { KpiDefinition, KpiDirection } from '../catalog/kpi-definition';
import type { KpiTarget } from '../catalog/kpi-target';
import type { UnitLevel } from '@libs/admin-units';

export type KpiStatus = 'meets' | 'below' | 'no_target' | 'no_data';

export const KPI_STATUS_LABELS: Record<KpiStatus, { vi: string; en: string }> = {
  meets: { vi: 'đạt', en: 'meets target' },
  below: { vi: 'chưa đạt', en: 'below target' },
  no_target: { vi: 'chưa có chỉ tiêu', en: 'no target' },
  no_data: { vi: 'chưa có dữ liệu', en: 'no data' },
};

/** Relative tolerance of '~' ("khoảng"): within ±5% of the target value. */
export const ABOUT_TOLERANCE = 0.05;

export interface TargetContext {
  level: UnitLevel;
  year: number;
  /** The plans the unit falls under, highest priority first. */
  plans: readonly string[];
}

/**
 * The target that applies to a unit: its level, one of its plans, and the latest year not after
 * `year` (the exact year when there is one; a 2025 figure still applies in 2026, not in 2024).
 * Several plans with a figure for that year: the first in `plans` wins.
 */
export function applicableTarget(kpi: KpiDefinition, context: TargetContext): KpiTarget | undefined {
  return applicableTargets(kpi, context)[0];
}

/** Every plan's applicable figure for the unit, in the order of `plans` among the latest year. */
export function applicableTargets(kpi: KpiDefinition, context: TargetContext): KpiTarget[] {
  const candidates = kpi.targets.filter(
    (t) => t.level === context.level && t.year <= context.year && context.plans.includes(t.plan),
  );
  const latestYear = Math.max(...candidates.map((t) => t.year));
  return candidates
    .filter((t) => t.year === latestYear)
    .sort((a, b) => context.plans.indexOf(a.plan) - context.plans.indexOf(b.plan));
}

/**
 * Whether a value meets a target. An absent value is 'no_data' (whatever the target); a value with
 * no target is 'no_target'. Comparators:
 * - '=' ("đạt 100%", "đạt 60%"): reaching the figure; better than it also meets (≥ when higher is
 *   better, ≤ when lower is better), since exceeding a plan's figure is never a failure.
 * - '>' ("trên") strictly above, '≥' ("ít nhất") at or above: as written, whatever the direction.
 * - '~' ("khoảng"): within ±5% of the figure, relative.
 * - 'aspirational' ("phấn đấu"): judged like '=', and flagged by `isAspirational`.
 */
export function kpiStatus(
  value: number | null,
  target: KpiTarget | undefined,
  direction: KpiDirection = 'higher_is_better',
): KpiStatus {
  if (value === null) return 'no_data';
  if (!target) return 'no_target';
  const reaches = direction === 'higher_is_better' ? value >= target.value : value <= target.value;
  switch (target.comparator) {
    case '=':
    case 'aspirational':
      return reaches ? 'meets' : 'below';
    case '>':
      return value > target.value ? 'meets' : 'below';
    case '≥':
      return value >= target.value ? 'meets' : 'below';
    case '~':
      return Math.abs(value - target.value) <= ABOUT_TOLERANCE * Math.abs(target.value) ? 'meets' : 'below';
  }
}

export function isAspirational(target: KpiTarget | undefined): boolean {
  return target?.comparator === 'aspirational';
}

export interface KpiAssessment {
  status: KpiStatus;
  labelVi: string;
  labelEn: string;
  /** The figure judged against, with its plan and citation, so a screen shows where it comes from. */
  target: KpiTarget | undefined;
  aspirational: boolean;
}

/** A value judged against the target that applies to the unit. */
export function assessKpi(kpi: KpiDefinition, value: number | null, context: TargetContext): KpiAssessment {
  const target = applicableTarget(kpi, context);
  const status = kpiStatus(value, target, kpi.direction);
  return {
    status,
    labelVi: KPI_STATUS_LABELS[status].vi,
    labelEn: KPI_STATUS_LABELS[status].en,
    target,
    aspirational: isAspirational(target),
  };
}
