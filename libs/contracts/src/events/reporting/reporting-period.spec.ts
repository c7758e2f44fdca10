import { PERIOD_PATTERN, parseReportingPeriod } from './reporting-period';

describe(parseReportingPeriod.name, () => {
  it.each([
    ['2026', 'year', '2026-01-01', '2027-01-01'],
    ['2026-H1', 'half', '2026-01-01', '2026-07-01'],
    ['2026-H2', 'half', '2026-07-01', '2027-01-01'],
    ['2026-Q1', 'quarter', '2026-01-01', '2026-04-01'],
    ['2026-Q3', 'quarter', '2026-07-01', '2026-10-01'],
    ['2026-Q4', 'quarter', '2026-10-01', '2027-01-01'],
    ['2026-01', 'month', '2026-01-01', '2026-02-01'],
    ['2026-12', 'month', '2026-12-01', '2027-01-01'],
    ['2026-11-23', 'day', '2026-11-23', '2026-11-24'],
    ['2026-12-31', 'day', '2026-12-31', '2027-01-01'],
    ['2028-02-29', 'day', '2028-02-29', '2028-03-01'],
    ['2026-02-28', 'day', '2026-02-28', '2026-03-01'],
  ])('reads %s as a %s from %s to %s (exclusive)', (period, kind, start, end) => {
    expect(parseReportingPeriod(period)).toEqual({ kind, start, end });
  });

  it.each([
    ['month 00', '2026-00'],
    ['month 13', '2026-13'],
    ['quarter 0', '2026-Q0'],
    ['quarter 5', '2026-Q5'],
    ['half 0', '2026-H0'],
    ['half 3', '2026-H3'],
    ['day 00', '2026-11-00'],
    ['day 32', '2026-01-32'],
    ['31 April', '2026-04-31'],
    ['30 February', '2026-02-30'],
    ['29 February of a common year', '2026-02-29'],
    ['29 February 2100 (not a leap year)', '2100-02-29'],
    ['a one-digit month', '2026-1'],
    ['a lower-case quarter', '2026-q1'],
    ['a week', '2026-W47'],
    ['a two-digit year', '26'],
    ['surrounding spaces', ' 2026 '],
    ['a date-time', '2026-11-23T00:00:00Z'],
    ['an empty string', ''],
  ])('refuses %s (%s)', (_label, period) => {
    expect(parseReportingPeriod(period)).toBeUndefined();
  });

  it('agrees with PERIOD_PATTERN everywhere except days the calendar lacks', () => {
    for (const period of ['2026', '2026-H2', '2026-Q4', '2026-12', '2026-12-31']) {
      expect(PERIOD_PATTERN.test(period)).toBe(true);
    }
    expect(PERIOD_PATTERN.test('2026-02-30')).toBe(true);
    expect(parseReportingPeriod('2026-02-30')).toBeUndefined();
  });
});
