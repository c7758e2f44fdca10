import { validateSync } from 'class-validator';
import { IsZonedDateTime } from './zoned-date-time';

class Deadline {
  @IsZonedDateTime()
  dueAt!: string;
}

function accepts(dueAt: unknown): boolean {
  return validateSync(Object.assign(new Deadline(), { dueAt })).length === 0;
}

describe(IsZonedDateTime.name, () => {
  it.each([
    '2026-11-27T17:00:00+07:00',
    '2026-11-27T10:00:00Z',
    '2026-11-27T10:00:00.250Z',
    '2028-02-29T00:00:00Z',
  ])('accepts %s', (dueAt) => expect(accepts(dueAt)).toBe(true));

  it.each([
    ['no zone', '2026-11-27T17:00:00'],
    ['no seconds', '2026-11-27T17:00+07:00'],
    ['a date only', '2026-11-27'],
    ['a space separator', '2026-11-27 17:00:00+07:00'],
    ['a lower-case zone', '2026-11-27T10:00:00z'],
    ['hour 24', '2026-11-27T24:00:00Z'],
    ['a day the calendar lacks', '2026-02-30T17:00:00+07:00'],
    ['an epoch number', 1795500000000],
  ])('refuses %s', (_label, dueAt) => expect(accepts(dueAt)).toBe(false));
});
