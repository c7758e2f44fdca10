import { localDayRange } from '@libs/admin-units';
import {
  DEFAULT_MAX_PERIOD_DAYS,
  MAX_SERIES_POINTS,
  PeriodRequestError,
  resolvePeriod,
  resolveSeries,
  type PeriodRequest,
} from './period-request';

const TODAY = '2026-11-23';
const MAX_DAYS = DEFAULT_MAX_PERIOD_DAYS;
const at = (date: string) => localDayRange(date).start;

describe(resolvePeriod.name, () => {
  it('defaults to today’s local day', () => {
    expect(resolvePeriod({}, TODAY, MAX_DAYS)).toEqual({
      kind: 'day',
      from: TODAY,
      to: TODAY,
      range: { start: new Date('2026-11-22T17:00:00Z'), end: new Date('2026-11-23T17:00:00Z') },
      referenceDate: TODAY,
    });
  });

  it.each([
    ['week', '2026-11-20', '2026-11-16', '2026-11-22'],
    ['month', '2026-11-20', '2026-11-01', '2026-11-30'],
    ['quarter', '2026-11-20', '2026-10-01', '2026-12-31'],
    ['year', '2025-03-01', '2025-01-01', '2025-12-31'],
  ] as const)('takes the %s containing the date', (period, date, from, to) => {
    const sut = resolvePeriod({ period, date }, TODAY, MAX_DAYS);
    expect(sut).toMatchObject({ kind: period, from, to, referenceDate: date });
    expect(sut.range.start).toEqual(at(from));
  });

  it('takes a custom span of whole days, both ends included, the map and year from its last day', () => {
    const sut = resolvePeriod({ period: 'custom', from: '2025-06-20', to: '2025-07-10' }, TODAY, MAX_DAYS);
    expect(sut).toMatchObject({
      kind: 'custom',
      from: '2025-06-20',
      to: '2025-07-10',
      referenceDate: '2025-07-10',
    });
    expect(sut.range).toEqual({ start: at('2025-06-20'), end: at('2025-07-11') });
  });

  it.each<[string, PeriodRequest, string]>([
    [
      'an impossible date',
      { date: '2026-02-30' },
      'date must be a calendar date YYYY-MM-DD, got "2026-02-30"',
    ],
    [
      'from without custom',
      { period: 'month', from: '2026-01-01' },
      'from and to are only used with period=custom',
    ],
    ['custom without to', { period: 'custom', from: '2026-01-01' }, 'period=custom needs from and to'],
    ['custom with date', { period: 'custom', date: '2026-01-01' }, 'date is not used with period=custom'],
    [
      'custom backwards',
      { period: 'custom', from: '2026-02-01', to: '2026-01-01' },
      'to (2026-01-01) is before from (2026-02-01)',
    ],
    [
      'a century',
      { period: 'custom', from: '1926-01-01', to: '2025-12-31' },
      '1926-01-01..2025-12-31 is 36525 days; a KPI query covers at most 731 days (COC_KPI_MAX_PERIOD_DAYS)',
    ],
  ])('refuses %s with a reason', (_case, request, message) => {
    expect(() => resolvePeriod(request, TODAY, MAX_DAYS)).toThrow(PeriodRequestError);
    expect(() => resolvePeriod(request, TODAY, MAX_DAYS)).toThrow(message);
  });
});

describe(resolveSeries.name, () => {
  it('lists the periods from the one containing from to the one containing to', () => {
    const sut = resolveSeries('week', { from: '2026-11-04', to: '2026-11-17' }, TODAY, MAX_DAYS);
    expect(sut.map((p) => [p.from, p.to])).toEqual([
      ['2026-11-02', '2026-11-08'],
      ['2026-11-09', '2026-11-15'],
      ['2026-11-16', '2026-11-22'],
    ]);
  });

  it('defaults to the last 30 days, 12 weeks or 12 months up to today', () => {
    const days = resolveSeries('day', {}, TODAY, MAX_DAYS);
    expect([days.length, days[0].from, days.at(-1)?.to]).toEqual([30, '2026-10-25', TODAY]);
    const months = resolveSeries('month', {}, TODAY, MAX_DAYS);
    expect([months.length, months[0].from, months.at(-1)?.to]).toEqual([12, '2025-12-01', '2026-11-30']);
    expect(resolveSeries('week', {}, TODAY, MAX_DAYS)).toHaveLength(12);
  });

  it('gives one point for a span inside one period', () => {
    expect(resolveSeries('month', { from: '2026-11-02', to: '2026-11-03' }, TODAY, MAX_DAYS)).toHaveLength(1);
  });

  it('takes a custom period of exactly the maximum, and refuses one day more', () => {
    expect(resolvePeriod({ period: 'custom', from: '2025-01-01', to: '2025-01-31' }, TODAY, 31).from).toBe(
      '2025-01-01',
    );
    expect(() =>
      resolvePeriod({ period: 'custom', from: '2025-01-01', to: '2025-02-01' }, TODAY, 31),
    ).toThrow('is 32 days; a KPI query covers at most 31 days');
  });

  it('refuses a series spanning more than the maximum period', () => {
    expect(() => resolveSeries('month', { from: '1926-01-01', to: '2025-12-31' }, TODAY, MAX_DAYS)).toThrow(
      'a KPI query covers at most 731 days',
    );
  });

  it('refuses a series of more than the maximum number of points', () => {
    expect(() => resolveSeries('day', { from: '2025-01-01', to: '2026-06-30' }, TODAY, MAX_DAYS)).toThrow(
      `more than ${MAX_SERIES_POINTS} points`,
    );
    expect(() => resolveSeries('day', { from: '2026-02-01', to: '2026-01-01' }, TODAY, MAX_DAYS)).toThrow(
      'is before',
    );
  });
});
