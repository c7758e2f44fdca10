import { isLocalDate, localDateOf, localDayRange } from './local-calendar';

describe('local calendar (Asia/Ho_Chi_Minh)', () => {
  it('puts 23:30 local on the last day of a month in that month, although UTC is still earlier', () => {
    expect(localDateOf(new Date('2026-10-31T23:30:00+07:00'))).toBe('2026-10-31');
    expect(localDateOf(new Date('2026-10-31T17:00:00Z'))).toBe('2026-11-01');
    expect(localDateOf(new Date('2026-10-31T16:59:59Z'))).toBe('2026-10-31');
  });

  it('answers alike when asked again, for other days in between, before 1970, and refuses an invalid date', () => {
    const instants = [
      '2026-10-31T17:00:00Z',
      '1969-12-31T16:59:59Z',
      '2026-10-31T17:00:01Z',
      '2000-01-01T00:00:00Z',
    ];
    expect(instants.map((i) => localDateOf(new Date(i)))).toEqual([
      '2026-11-01',
      '1969-12-31',
      '2026-11-01',
      '2000-01-01',
    ]);
    expect(() => localDateOf(new Date('not a date'))).toThrow(RangeError);
    expect(localDateOf(new Date('2000-01-01T00:00:00Z'))).toBe('2000-01-01');
  });

  it('gives a local day as 24 hours starting at 17:00 UTC the day before', () => {
    const { start, end } = localDayRange('2026-11-23');
    expect(start.toISOString()).toBe('2026-11-22T17:00:00.000Z');
    expect(end.toISOString()).toBe('2026-11-23T17:00:00.000Z');
  });

  it('refuses what is not a calendar date', () => {
    expect(isLocalDate('2026-02-29')).toBe(false);
    expect(isLocalDate('2028-02-29')).toBe(true);
    expect(() => localDayRange('23/11/2026')).toThrow(RangeError);
  });
});
