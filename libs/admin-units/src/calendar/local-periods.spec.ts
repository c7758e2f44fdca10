import * as fc from 'fast-check';
import { localDateOf, localDayRange } from './local-calendar';
import {
  localDatesIn,
  localHalfYearRange,
  localMonthRange,
  localQuarterRange,
  localWeekRange,
  localYearRange,
  periodOfLabel,
  periodRange,
} from './local-periods';

const iso = (range: { start: Date; end: Date }) => [range.start.toISOString(), range.end.toISOString()];

describe('local periods (Asia/Ho_Chi_Minh)', () => {
  it('runs an ISO week from Monday 00:00 to the next Monday 00:00 local', () => {
    // 23 Nov 2026 is a Monday, 29 Nov a Sunday.
    const week = ['2026-11-22T17:00:00.000Z', '2026-11-29T17:00:00.000Z'];
    expect(iso(localWeekRange('2026-11-23'))).toEqual(week);
    expect(iso(localWeekRange('2026-11-29'))).toEqual(week);
    expect(iso(localWeekRange('2026-W48'))).toEqual(week);
  });

  it('numbers ISO weeks across the new year (week 1 holds 4 January)', () => {
    // 1 Jan 2027 is a Friday: it belongs to week 53 of 2026, which starts on Monday 28 Dec.
    expect(iso(localWeekRange('2027-01-01'))).toEqual(iso(localWeekRange('2026-W53')));
    expect(iso(localWeekRange('2026-W53'))).toEqual(['2026-12-27T17:00:00.000Z', '2027-01-03T17:00:00.000Z']);
    expect(iso(localWeekRange('2027-W01'))).toEqual(['2027-01-03T17:00:00.000Z', '2027-01-10T17:00:00.000Z']);
    expect(() => localWeekRange('2027-W53')).toThrow(RangeError);
  });

  it('gives months, quarters, half-years and years as whole local days', () => {
    expect(iso(localMonthRange('2026-11'))).toEqual(['2026-10-31T17:00:00.000Z', '2026-11-30T17:00:00.000Z']);
    expect(iso(localMonthRange('2028-02-10'))).toEqual([
      '2028-01-31T17:00:00.000Z',
      '2028-02-29T17:00:00.000Z',
    ]);
    expect(iso(localMonthRange('2026-12'))).toEqual(['2026-11-30T17:00:00.000Z', '2026-12-31T17:00:00.000Z']);
    expect(iso(localQuarterRange('2026-Q4'))).toEqual([
      '2026-09-30T17:00:00.000Z',
      '2026-12-31T17:00:00.000Z',
    ]);
    expect(iso(localQuarterRange('2026-08-31'))).toEqual(iso(localQuarterRange('2026-Q3')));
    expect(iso(localHalfYearRange('2026-H2'))).toEqual([
      '2026-06-30T17:00:00.000Z',
      '2026-12-31T17:00:00.000Z',
    ]);
    expect(iso(localYearRange('2026'))).toEqual(['2025-12-31T17:00:00.000Z', '2026-12-31T17:00:00.000Z']);
    expect(iso(localYearRange('2026-07-01'))).toEqual(iso(localYearRange('2026')));
  });

  it('puts 23:30 local on the last day of a month in that month, not the next', () => {
    const lastEvening = new Date('2026-10-31T23:30:00+07:00');
    const october = localMonthRange('2026-10');
    expect(lastEvening >= october.start && lastEvening < october.end).toBe(true);
    expect(lastEvening < localMonthRange('2026-11').start).toBe(true);
    const newYearsEve = new Date('2026-12-31T23:30:00+07:00');
    const year = localYearRange('2026');
    expect(newYearsEve >= year.start && newYearsEve < year.end).toBe(true);
  });

  it('builds every kind of period from a spec, and custom spans of whole days', () => {
    expect(periodRange({ kind: 'day', date: '2026-11-23' })).toEqual(localDayRange('2026-11-23'));
    expect(periodRange({ kind: 'week', date: '2026-11-25' })).toEqual(localWeekRange('2026-W48'));
    expect(periodRange({ kind: 'month', date: '2026-11-30' })).toEqual(localMonthRange('2026-11'));
    expect(periodRange({ kind: 'quarter', date: '2026-11-30' })).toEqual(localQuarterRange('2026-Q4'));
    expect(periodRange({ kind: 'year', date: '2026-11-30' })).toEqual(localYearRange('2026'));
    expect(iso(periodRange({ kind: 'custom', from: '2026-11-20', to: '2026-11-22' }))).toEqual([
      '2026-11-19T17:00:00.000Z',
      '2026-11-22T17:00:00.000Z',
    ]);
    expect(() => periodRange({ kind: 'custom', from: '2026-11-22', to: '2026-11-20' })).toThrow(RangeError);
    expect(() => periodRange({ kind: 'month', date: '2026-11' })).toThrow(RangeError);
  });

  it('reads the period labels reporting systems use', () => {
    expect(periodOfLabel('2025')).toEqual(localYearRange('2025'));
    expect(periodOfLabel('2025-H1')).toEqual(localHalfYearRange('2025-H1'));
    expect(periodOfLabel('2025-Q3')).toEqual(localQuarterRange('2025-Q3'));
    expect(periodOfLabel('2025-07')).toEqual(localMonthRange('2025-07'));
    expect(periodOfLabel('2025-W10')).toEqual(localWeekRange('2025-W10'));
    expect(periodOfLabel('2025-07-01')).toEqual(localDayRange('2025-07-01'));
    for (const bad of ['2025-13', '2025-Q5', '25', '2025/07', '2025-02-30']) {
      expect(() => periodOfLabel(bad)).toThrow(RangeError);
    }
  });

  it('lists the local days of a range and refuses ranges off day boundaries', () => {
    const days = localDatesIn(localMonthRange('2026-02'));
    expect(days).toHaveLength(28);
    expect([days[0], days[27]]).toEqual(['2026-02-01', '2026-02-28']);
    expect(() =>
      localDatesIn({
        start: new Date('2026-11-01T00:00:00+07:00'),
        end: new Date('2026-11-01T12:00:00+07:00'),
      }),
    ).toThrow(RangeError);
  });

  it('tiles time: every instant lies in exactly the week, month and year of its local date', () => {
    const instants = fc.date({
      min: new Date('2001-01-01T00:00:00Z'),
      max: new Date('2090-01-01T00:00:00Z'),
      noInvalidDate: true,
    });
    fc.assert(
      fc.property(instants, (instant) => {
        const date = localDateOf(instant);
        for (const range of [
          localWeekRange(date),
          localMonthRange(date),
          localQuarterRange(date),
          localYearRange(date),
        ]) {
          if (!(range.start <= instant && instant < range.end)) return false;
          if (localDatesIn(range)[0] > date) return false;
        }
        const month = localMonthRange(date);
        return localMonthRange(localDateOf(month.end)).start.getTime() === month.end.getTime();
      }),
      { numRuns: 500 },
    );
  });
});
