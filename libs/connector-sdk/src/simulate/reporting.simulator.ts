import { HOUR_MS, MINUTE_MS, isWorkingDay, localMidnight, localParts, officeMomentOf } from './local-time';
import type { Prng } from './prng';
import type { SimulationContext } from './simulation-context';

/** Monthly reporting regimes a commune answers to (illustrative codes). */
const MONTHLY_REGIMES = ['BC-TTHC-THANG', 'BC-CDS-THANG', 'BC-ANTT-THANG'] as const;
const DUE_DAY_OF_MONTH = 5;

interface IndicatorModel {
  id: string;
  dataSource: string;
  /** Share in the first month of 2026 and its monthly growth. */
  startShare: number;
  monthlyGrowth: number;
  /** What the denominator counts: households, or residents (3.6 per household). */
  perHousehold: number;
}

/** Reported figures with commune targets in the provincial plans (see the KPI catalogue). */
const INDICATORS: readonly IndicatorModel[] = [
  {
    id: 'households_fibre_coverage_pct',
    dataSource: 'telecom-operators',
    startShare: 0.74,
    monthlyGrowth: 0.008,
    perHousehold: 1,
  },
  {
    id: 'population_payment_account_pct',
    dataSource: 'state-bank-branch',
    startShare: 0.55,
    monthlyGrowth: 0.01,
    perHousehold: 3.6,
  },
  {
    id: 'households_vpostcode_pct',
    dataSource: 'vnpost',
    startShare: 0.45,
    monthlyGrowth: 0.03,
    perHousehold: 1,
  },
];

const pad = (n: number) => String(n).padStart(2, '0');

/** An electronic agency identifier (mã định danh) in the national form, e.g. 000.00.34.H26. */
const agencyCodeOf = (unitCode: string) => `000.00.${unitCode.slice(-2)}.H${unitCode.slice(0, 2)}`;

function previousMonth(year: number, month: number): { year: number; month: number; period: string } {
  const y = month === 1 ? year - 1 : year;
  const m = month === 1 ? 12 : month - 1;
  return { year: y, month: m, period: `${y}-${pad(m)}` };
}

/** An office moment on one of the given days of the month that is a working day. */
function officeMomentAmong(rng: Prng, firstDay: number, fromDom: number, toDom: number): number {
  const candidates: number[] = [];
  for (let dom = fromDom; dom <= toDom; dom++) {
    if (isWorkingDay(firstDay + dom - 1)) candidates.push(firstDay + dom - 1);
  }
  return officeMomentOf(rng.pick(candidates), rng.next());
}

/**
 * On the 1st of each month the previous month's reports fall due (deadline the 5th, 17:00); most are
 * submitted by then, some late, a few not at all. Indicators for the previous month are reported
 * on the 2nd-5th, some revised a few days later.
 */
export function simulateReporting(ctx: SimulationContext): void {
  const households = Math.round(ctx.rng('reporting-households').between(2500, 6000) * ctx.scale);
  for (const day of ctx.days) {
    const { year, month, day: dom } = localParts(localMidnight(day));
    if (dom !== 1) continue;
    const rng = ctx.rng('reporting', day);
    const { period, year: pYear, month: pMonth } = previousMonth(year, month);
    const dueAt = `${year}-${pad(month)}-${pad(DUE_DAY_OF_MONTH)}T17:00:00+07:00`;
    for (const regimeCode of MONTHLY_REGIMES) {
      const reportId = `${regimeCode}-${ctx.unitCode}-${period}`;
      ctx.emit(
        localMidnight(day) + 5 * MINUTE_MS,
        'reporting',
        'reporting.report.due',
        { id: reportId, verb: 'due' },
        {
          reportId,
          regimeCode,
          period,
          dueAt,
        },
      );
      const fate = rng.weighted([
        ['on-time', 88],
        ['late', 8],
        ['missing', 4],
      ] as const);
      if (fate === 'missing') continue;
      const submitted =
        fate === 'on-time'
          ? officeMomentAmong(rng, day, 1, DUE_DAY_OF_MONTH)
          : officeMomentAmong(rng, day, 6, 10);
      ctx.emit(
        submitted,
        'reporting',
        'reporting.report.submitted',
        { id: reportId, verb: 'submitted' },
        {
          reportId,
          regimeCode,
          period,
          viaSystem: rng.chance(0.92),
          agencyCode: agencyCodeOf(ctx.unitCode),
        },
      );
    }
    const monthsSince2026 = (pYear - 2026) * 12 + (pMonth - 1);
    for (const indicator of INDICATORS) {
      const denominator = Math.round(households * indicator.perHousehold);
      const share = Math.min(
        0.98,
        Math.max(
          0.05,
          indicator.startShare + indicator.monthlyGrowth * monthsSince2026 + rng.between(-0.01, 0.01),
        ),
      );
      const reported = officeMomentAmong(rng, day, 2, DUE_DAY_OF_MONTH);
      const revised = rng.chance(0.15);
      const report = (at: number, numerator: number, revision: number) => {
        ctx.emit(
          at,
          'reporting',
          'reporting.indicator.reported',
          { id: `${indicator.id}-${period}-r${revision}`, verb: 'reported' },
          {
            indicatorId: indicator.id,
            period,
            value: Math.round((numerator / denominator) * 10_000) / 100,
            numerator,
            denominator,
            dataSource: indicator.dataSource,
            revision,
          },
        );
      };
      const numerator = Math.round(denominator * share);
      report(reported, numerator, 1);
      if (revised)
        report(
          reported + rng.int(1, 3) * 24 * HOUR_MS,
          Math.min(denominator, numerator + rng.int(-40, 40)),
          2,
        );
    }
  }
}
