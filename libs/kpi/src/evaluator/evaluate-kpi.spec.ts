import { localDayRange, localMonthRange, localYearRange } from '@libs/admin-units';
import { findKpi } from '../catalog/kpi-catalog';
import { ratioScaleOf, type KpiDefinition } from '../catalog/kpi-definition';
import { kpiEvent } from '@libs/testing';
import { evaluateKpi, type EvaluationOptions } from './evaluate-kpi';
import { rollUp } from './roll-up';

const kpi = (id: string): KpiDefinition => {
  const found = findKpi(id);
  if (!found) throw new Error(`no KPI ${id}`);
  return found;
};
const A = '26734';
const B = '26737';
const november: EvaluationOptions = {
  unitCodes: [A],
  range: localMonthRange('2026-11'),
  asOf: localDayRange('2026-12-01').start,
};
const alert = (id: string, unit = A, at = '2026-11-05T10:00:00+07:00') =>
  kpiEvent(
    id,
    'camera.alert.raised',
    at,
    { alertId: id, cameraId: 'C', alertType: 'crowd', severity: 'info' },
    unit,
  );
const closed = (id: string, unit = A, secret = false) =>
  kpiEvent(
    id,
    'qlvb.workfile.closed',
    '2026-11-05T10:00:00+07:00',
    { workFileId: id, online: true, secret, signed: true },
    unit,
  );

describe('evaluateKpi', () => {
  it('counts zero when a unit has a feed, and has no data when it has none', () => {
    const cameraFeed = kpiEvent('s', 'camera.status.changed', '2026-10-01T00:00:00+07:00', {
      cameraId: 'C',
      status: 'up',
    });
    const withFeed = evaluateKpi(kpi('ai_camera_alerts_count'), [cameraFeed], november);
    expect([withFeed.value, withFeed.noData]).toEqual([0, null]);
    const withoutFeed = evaluateKpi(kpi('ai_camera_alerts_count'), [closed('w')], november);
    expect([withoutFeed.value, withoutFeed.noData, withoutFeed.unitsWithoutData]).toEqual([
      null,
      'no_feed',
      [A],
    ]);
  });

  it('gives no data, not 0%, for a ratio whose denominator is empty', () => {
    const onlySecret = evaluateKpi(kpi('work_files_processed_online_pct'), [closed('w', A, true)], november);
    expect(onlySecret).toMatchObject({
      numerator: 0,
      denominator: 0,
      value: null,
      noData: 'empty_denominator',
    });
  });

  it('takes a reference denominator per unit and leaves out units without one', () => {
    const acted = (id: string, unit: string) =>
      kpiEvent(
        id,
        'qlvb.official.acted',
        '2026-11-05T10:00:00+07:00',
        { officialId: id, action: 'sign' },
        unit,
      );
    const options = { ...november, unitCodes: [A, B] };
    const events = [acted('o1', A), acted('o2', B)];
    const officials = kpi('officials_qlvb_active_pct');
    expect(
      evaluateKpi(officials, events, { ...options, references: { qlvb_officials: { [A]: 4 } } }),
    ).toMatchObject({
      numerator: 1,
      denominator: 4,
      value: 25,
      unitsWithoutData: [B],
    });
    expect(evaluateKpi(officials, events, options)).toMatchObject({ value: null, noData: 'no_reference' });
    expect(() =>
      evaluateKpi(officials, events, { ...options, references: { qlvb_officials: { [A]: 2.5 } } }),
    ).toThrow('whole number');
  });

  it('treats asOf as exclusive, like a range end', () => {
    const asOf = new Date('2026-11-05T10:00:00+07:00');
    const early = alert('a1', A, '2026-11-05T09:59:59+07:00');
    const atAsOf = alert('a2', A, '2026-11-05T10:00:00+07:00');
    expect(evaluateKpi(kpi('ai_camera_alerts_count'), [early, atAsOf], { ...november, asOf }).value).toBe(1);
  });

  it('counts an event at the start of the range and not one at its end', () => {
    const atStart = alert('a1', A, '2026-11-01T00:00:00+07:00');
    const atEnd = alert('a2', A, '2026-12-01T00:00:00+07:00');
    const options = { ...november, asOf: localDayRange('2026-12-02').start };
    expect(evaluateKpi(kpi('ai_camera_alerts_count'), [atStart, atEnd], options).value).toBe(1);
  });

  it('keeps entities apart by unit, so the same id in two communes is two entities', () => {
    const options = { ...november, unitCodes: [A, B] };
    expect(
      evaluateKpi(kpi('ai_camera_alerts_count'), [alert('x', A), { ...alert('x', B), eventId: 'y' }], options)
        .value,
    ).toBe(2);
  });

  it('refuses a counted event that lacks its key field', () => {
    const broken = kpiEvent('b', 'camera.alert.raised', '2026-11-05T10:00:00+07:00', { cameraId: 'C' });
    expect(() => evaluateKpi(kpi('ai_camera_alerts_count'), [broken], november)).toThrow(
      'event b (camera.alert.raised): key field alertId is missing',
    );
  });

  it('adds up reported numerators and denominators across units; a bare value cannot be added', () => {
    const report = (id: string, unit: string, figure: object) =>
      kpiEvent(
        id,
        'reporting.indicator.reported',
        '2026-01-10T08:00:00+07:00',
        {
          indicatorId: 'households_fibre_coverage_pct',
          period: '2025',
          dataSource: 'x',
          revision: 1,
          ...figure,
        },
        unit,
      );
    const fibre = kpi('households_fibre_coverage_pct');
    const options = {
      unitCodes: [A, B],
      range: localYearRange('2025'),
      asOf: new Date('2026-03-01T00:00:00+07:00'),
    };
    const additive = [
      report('a', A, { value: 50, numerator: 50, denominator: 100 }),
      report('b', B, { value: 100, numerator: 300, denominator: 300 }),
    ];
    expect(evaluateKpi(fibre, additive, options)).toMatchObject({
      numerator: 350,
      denominator: 400,
      value: 87.5,
    });
    const mixed = [additive[0], report('c', B, { value: 90 })];
    expect(evaluateKpi(fibre, mixed, options)).toMatchObject({
      numerator: 50,
      denominator: 100,
      value: 50,
      unitsWithoutData: [B],
    });
    const bare = [report('d', A, { value: 40 }), report('c', B, { value: 90 })];
    expect(evaluateKpi(fibre, bare, options)).toMatchObject({ value: null, noData: 'not_additive' });
    expect(() => evaluateKpi(fibre, [report('e', A, { value: 1, period: '2025-13' })], options)).toThrow(
      'event e',
    );
  });
});

describe('rollUp', () => {
  const workFiles = kpi('work_files_processed_online_pct');
  const child = (unit: string, events: ReturnType<typeof closed>[]) =>
    evaluateKpi(workFiles, events, { ...november, unitCodes: [unit] });

  it('adds numerators and denominators, never averages percentages', () => {
    const offline = (id: string) => ({ ...closed(id), payload: { ...closed(id).payload, online: false } });
    // A: 1 of 1 online (100%); B: 1 of 4 online (25%). The average would be 62.5; the truth is 2 of 5.
    const a = child(A, [closed('a1')]);
    const b = child(B, [
      closed('b1', B),
      ...['b2', 'b3', 'b4'].map((id) => ({ ...offline(id), unitCode: B })),
    ]);
    expect(rollUp([a, b], ratioScaleOf(workFiles))).toMatchObject({
      numerator: 2,
      denominator: 5,
      value: 40,
      children: 2,
      childrenWithoutData: 0,
    });
  });

  it('counts children without data instead of adding them as zeros', () => {
    const a = child(A, [closed('a1')]);
    const silent = child(B, []);
    expect(rollUp([a, silent], ratioScaleOf(workFiles))).toMatchObject({
      numerator: 1,
      denominator: 1,
      value: 100,
      childrenWithoutData: 1,
    });
    expect(rollUp([silent], ratioScaleOf(workFiles))).toMatchObject({ value: null, childrenWithoutData: 1 });
  });

  it('scales a ratio by the KPI’s own scale: a figure per head adds N and D, then multiplies by 1', () => {
    const perHead = (unitCode: string, numerator: number, denominator: number) => ({
      kpiId: 'income_per_head',
      combine: 'ratio' as const,
      numerator,
      denominator,
      value: numerator / denominator,
      noData: null,
      unitsWithoutData: [],
      asOf: november.asOf.toISOString(),
      range: { start: unitCode, end: unitCode },
    });
    // 45.2 and 60 million per head; the parent is 120,400 / 2,500 = 48.16, not their mean 52.6.
    expect(rollUp([perHead(A, 90_400, 2000), perHead(B, 30_000, 500)], 1)).toMatchObject({
      numerator: 120_400,
      denominator: 2500,
      value: 48.16,
      childrenWithoutData: 0,
    });
    const notAdditive = { ...perHead(A, 1, 1), combine: 'none' as const, numerator: null, denominator: null };
    expect(() => rollUp([notAdditive], 1)).toThrow('cannot be rolled up');
  });

  it('refuses medians and mixed KPIs', () => {
    const alerts = kpi('ai_camera_alerts_count');
    expect(() => rollUp([child(A, []), evaluateKpi(alerts, [], november)], ratioScaleOf(workFiles))).toThrow(
      'mixes',
    );
    const median = { ...evaluateKpi(alerts, [], november), combine: 'median' as const };
    expect(() => rollUp([median], ratioScaleOf(alerts))).toThrow('cannot be rolled up');
    expect(() => rollUp([], ratioScaleOf(alerts))).toThrow('at least one child');
  });
});
