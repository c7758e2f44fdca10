import {
  MINUTE_MS,
  OFFICE_DAY_MS,
  addOfficeTime,
  dueAfterWorkingDays,
  instantOfOfficeIndex,
  isOfficeHours,
  localDayOf,
  officeIndexOf,
  officeMomentOf,
  toLocalIso,
  weekdayOf,
} from './local-time';

const at = (iso: string) => Date.parse(iso);

describe('local office time (UTC+7)', () => {
  it('formats instants at +07:00 and knows the weekday', () => {
    expect(toLocalIso(at('2026-11-23T01:15:00.700Z'))).toBe('2026-11-23T08:15:00+07:00');
    expect(weekdayOf(localDayOf(at('2026-11-23T08:00:00+07:00')))).toBe(1);
    expect(weekdayOf(localDayOf(at('2026-11-22T23:59:00+07:00')))).toBe(0);
  });

  it('adds working time across the lunch break, the evening and the weekend', () => {
    expect(toLocalIso(addOfficeTime(at('2026-11-20T11:00:00+07:00'), 60 * MINUTE_MS))).toBe(
      '2026-11-20T14:00:00+07:00',
    );
    expect(toLocalIso(addOfficeTime(at('2026-11-20T16:30:00+07:00'), 60 * MINUTE_MS))).toBe(
      '2026-11-23T08:00:00+07:00',
    );
    expect(toLocalIso(addOfficeTime(at('2026-11-21T10:00:00+07:00'), 10 * MINUTE_MS))).toBe(
      '2026-11-23T07:40:00+07:00',
    );
    expect(addOfficeTime(at('2026-11-16T07:30:00+07:00'), 5 * OFFICE_DAY_MS)).toBe(
      at('2026-11-23T07:30:00+07:00'),
    );
  });

  it('maps office positions and instants one to one', () => {
    for (const iso of [
      '2026-11-23T07:30:00+07:00',
      '2026-11-23T11:29:59+07:00',
      '2026-11-27T16:59:00+07:00',
    ]) {
      expect(instantOfOfficeIndex(officeIndexOf(at(iso)))).toBe(at(iso));
    }
  });

  it('puts due dates at 17:00 on the n-th following working day', () => {
    expect(toLocalIso(dueAfterWorkingDays(at('2026-11-20T09:00:00+07:00'), 1))).toBe(
      '2026-11-23T17:00:00+07:00',
    );
    expect(toLocalIso(dueAfterWorkingDays(at('2026-11-23T09:00:00+07:00'), 0))).toBe(
      '2026-11-23T17:00:00+07:00',
    );
    expect(toLocalIso(dueAfterWorkingDays(at('2026-11-23T18:00:00+07:00'), 1))).toBe(
      '2026-11-25T17:00:00+07:00',
    );
  });

  it('draws office moments only inside office hours', () => {
    const day = localDayOf(at('2026-11-24T12:00:00+07:00'));
    for (let u = 0; u < 1; u += 0.01) expect(isOfficeHours(officeMomentOf(day, u))).toBe(true);
    expect(isOfficeHours(at('2026-11-24T12:00:00+07:00'))).toBe(false);
    expect(isOfficeHours(at('2026-11-22T09:00:00+07:00'))).toBe(false);
  });
});
