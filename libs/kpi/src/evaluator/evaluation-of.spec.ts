import { findKpi } from '../catalog/kpi-catalog';
import type { KpiDefinition } from '../catalog/kpi-definition';
import { evaluationOf, type EvaluationInput, type Measured } from './evaluation-of';

const kpi = (id: string): KpiDefinition => {
  const found = findKpi(id);
  if (!found) throw new Error(`no KPI ${id}`);
  return found;
};
const base = { asOf: '2026-12-01T00:00:00.000Z', range: { start: 'a', end: 'b' } };
const A = '26734';
const B = '26737';

function input(id: string, measured: Measured, fed: string[], extra: Partial<EvaluationInput> = {}) {
  const definition = kpi(id);
  return evaluationOf({
    formula: definition.formula,
    unit: definition.unit,
    scope: [B, A],
    fed: new Set(fed),
    measured,
    base,
    ...extra,
  });
}

describe('evaluationOf', () => {
  const sets = (n: [string, number][], d: [string, number][]): Measured => ({
    kind: 'sets',
    numerators: new Map(n),
    denominators: new Map(d),
  });

  it('adds N and D over fed units and lists the unfed ones instead of averaging them in', () => {
    const result = input('work_files_processed_online_pct', sets([[A, 1]], [[A, 4]]), [A]);
    expect(result).toMatchObject({ combine: 'ratio', numerator: 1, denominator: 4, value: 25, noData: null });
    expect(result.unitsWithoutData).toEqual([B]);
  });

  it('has no data, not zero, when no unit in scope has a feed', () => {
    expect(input('work_files_processed_online_pct', sets([], []), [])).toMatchObject({
      value: null,
      noData: 'no_feed',
      unitsWithoutData: [A, B],
    });
    expect(input('ai_camera_alerts_count', { kind: 'sets', numerators: new Map() }, [])).toMatchObject({
      numerator: 0,
      value: null,
      noData: 'no_feed',
    });
  });

  it('counts zero for a fed unit with nothing to count, and 0/0 is an empty denominator', () => {
    expect(input('ai_camera_alerts_count', { kind: 'sets', numerators: new Map() }, [A])).toMatchObject({
      value: 0,
      noData: null,
    });
    expect(input('work_files_processed_online_pct', sets([], []), [A])).toMatchObject({
      numerator: 0,
      denominator: 0,
      value: null,
      noData: 'empty_denominator',
    });
  });

  it('takes reference denominators per fed unit and leaves out units without one', () => {
    const measured: Measured = {
      kind: 'sets',
      numerators: new Map([
        [A, 3],
        [B, 2],
      ]),
    };
    expect(input('officials_qlvb_active_pct', measured, [A, B], { references: { [A]: 6 } })).toMatchObject({
      numerator: 3,
      denominator: 6,
      value: 50,
      unitsWithoutData: [B],
    });
    expect(input('officials_qlvb_active_pct', measured, [A, B], { references: {} })).toMatchObject({
      value: null,
      noData: 'no_reference',
    });
  });

  it('gives a median over the fed units, or why there is none', () => {
    const alerts = kpi('ai_camera_alerts_count');
    const median = alerts.measures?.[0];
    if (!median) throw new Error('measure expected');
    const of = (measured: Measured, fed: string[]) =>
      evaluationOf({
        formula: median.formula,
        unit: median.unit,
        scope: [A],
        fed: new Set(fed),
        measured,
        base,
      });
    expect(of({ kind: 'median_delay', samples: 4, median: 7.5 }, [A])).toMatchObject({
      combine: 'median',
      numerator: 4,
      value: 7.5,
      noData: null,
    });
    expect(of({ kind: 'median_delay', samples: 0, median: null }, [A])).toMatchObject({
      noData: 'no_samples',
    });
    expect(of({ kind: 'median_delay', samples: 0, median: null }, [])).toMatchObject({ noData: 'no_feed' });
  });

  it('adds reported N and D; shows a lone bare figure as is; cannot add bare figures', () => {
    const report = (value: number, numerator: number | null, denominator: number | null) => ({
      eventId: 'x',
      value,
      numerator,
      denominator,
    });
    const fibre = kpi('households_fibre_coverage_pct');
    const of = (chosen: [string, ReturnType<typeof report>][], scope: string[]) =>
      evaluationOf({
        formula: fibre.formula,
        unit: fibre.unit,
        scope,
        fed: new Set(),
        measured: { kind: 'reported', chosen: new Map(chosen) },
        base,
      });
    expect(
      of(
        [
          [A, report(50, 50, 100)],
          [B, report(100, 300, 300)],
        ],
        [A, B],
      ),
    ).toMatchObject({
      numerator: 350,
      denominator: 400,
      value: 87.5,
    });
    expect(of([[A, report(58.5, null, null)]], [A])).toMatchObject({
      numerator: null,
      value: 58.5,
      noData: null,
    });
    expect(
      of(
        [
          [A, report(40, null, null)],
          [B, report(90, null, null)],
        ],
        [A, B],
      ),
    ).toMatchObject({
      value: null,
      noData: 'not_additive',
    });
    expect(of([], [A])).toMatchObject({ value: null, noData: 'no_feed' });
  });

  it('weighs up-time over fed units', () => {
    const measured: Measured = {
      kind: 'time_weighted_up',
      up: new Map([[A, 30]]),
      registered: new Map([[A, 120]]),
    };
    expect(input('camera_online_pct', measured, [A])).toMatchObject({
      numerator: 30,
      denominator: 120,
      value: 25,
    });
  });

  it('rolls a figure per head and a rate per thousand up as scale × ΣN / ΣD, never the mean of the units', () => {
    const report = (value: number, numerator: number, denominator: number) => ({
      eventId: `r-${value}`,
      value,
      numerator,
      denominator,
    });
    const of = (scale: number, chosen: [string, ReturnType<typeof report>][], scope = [B, A]) =>
      evaluationOf({
        formula: { kind: 'reported', indicatorId: 'x', rollUp: 'ratio', scale },
        unit: 'amount',
        scope,
        fed: new Set(),
        measured: { kind: 'reported', chosen: new Map(chosen) },
        base,
      });
    // Income per head (triệu đồng/người): A 90,400 / 2,000 = 45.2; B 30,000 / 500 = 60. The mean of the
    // two figures would be 52.6; the district's is 120,400 / 2,500 = 48.16.
    const incomes: [string, ReturnType<typeof report>][] = [
      [A, report(45.2, 90_400, 2000)],
      [B, report(60, 30_000, 500)],
    ];
    expect(of(1, incomes)).toMatchObject({
      combine: 'ratio',
      numerator: 120_400,
      denominator: 2500,
      value: 48.16,
      noData: null,
    });
    expect(of(1, [incomes[0]], [A])).toMatchObject({ numerator: 90_400, denominator: 2000, value: 45.2 });
    // Births per thousand residents: (27 + 5) / (2000 + 500) × 1000 = 12.8, not (13.5 + 10) / 2.
    expect(
      of(1000, [
        [A, report(13.5, 27, 2000)],
        [B, report(10, 5, 500)],
      ]).value,
    ).toBeCloseTo(12.8, 10);
    expect(of(1, [])).toMatchObject({ value: null, noData: 'no_feed', unitsWithoutData: [A, B] });
    expect(of(1, [[A, report(0, 0, 0)]], [A])).toMatchObject({ value: null, noData: 'empty_denominator' });
  });

  it('shows a not-additive reported figure per unit only, never a parent’s sum', () => {
    const formula = {
      kind: 'reported' as const,
      indicatorId: 'income_per_head',
      rollUp: 'not_additive' as const,
    };
    const report = (value: number) => ({ eventId: `r-${value}`, value, numerator: null, denominator: null });
    const chosen = new Map([
      [A, report(62.5)],
      [B, report(48)],
    ]);
    const of = (scope: string[]) =>
      evaluationOf({
        formula,
        unit: 'amount',
        scope,
        fed: new Set(),
        measured: { kind: 'reported', chosen },
        base,
      });
    expect(of([A])).toMatchObject({ combine: 'none', value: 62.5, noData: null, unitsWithoutData: [] });
    expect(of([B, A])).toMatchObject({
      combine: 'none',
      value: null,
      noData: 'not_additive',
      unitsWithoutData: [A, B],
    });
    expect(of(['26740'])).toMatchObject({ value: null, noData: 'not_additive' });
    expect(
      evaluationOf({
        formula,
        unit: 'amount',
        scope: [A],
        fed: new Set(),
        measured: { kind: 'reported', chosen: new Map() },
        base,
      }),
    ).toMatchObject({ value: null, noData: 'no_feed' });
  });
});
