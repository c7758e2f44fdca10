import { isISO8601 } from 'class-validator';
import { isIsoDateTime } from './iso-date-time';

const OPTION_SETS = [{}, { strict: true }, { strict: true, strictSeparator: true }];

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** Every month and day number around the calendar's edges, in leap, century and ordinary years. */
const YEARS = [0, 4, 999, 1000, 1900, 2000, 2023, 2024, 2026, 2100, 2400, 9999];
const TIMES = [
  'T00:00:00Z',
  'T23:59:59.999+07:00',
  'T12:30:45-11:30',
  'T24:00:00Z',
  'T08:60:00Z',
  'T08:30:00.+07:00',
];
const dateTimes = YEARS.flatMap((year) =>
  Array.from({ length: 14 }, (_, month) =>
    Array.from({ length: 33 }, (_, day) =>
      TIMES.map((time) => `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}${time}`),
    ),
  ).flat(2),
);

/** Near misses of the common shape and the other ISO 8601 forms class-validator accepts. */
const OTHERS = [
  '2026-10-01 08:30:00Z',
  '2026-10-01T08:30Z',
  '2026-10-01T08:30:00',
  '2026-10-01T08:30:00+0700',
  '2026-10-01T08:30:00+07',
  '2026-10-01T08:30:00,5Z',
  '2026-10-01T08:30:00z',
  '20261001T083000Z',
  '2026-10-01',
  '2026-274',
  '2026-W40-4',
  '+2026-10-01T08:30:00Z',
  '2026-10-01T08:30:00Z ',
  ' 2026-10-01T08:30:00Z',
  '2026-10-01T08:30:00Z\n',
  '2026-02-29T08:30:00+25:00',
  '２０２６-10-01T08:30:00Z',
  '',
];

describe('isIsoDateTime', () => {
  it.each(OPTION_SETS)(
    'agrees with class-validator isISO8601 %j on calendar edges and other forms',
    (options) => {
      const disagreements = [...dateTimes, ...OTHERS].filter(
        (value) => isIsoDateTime(value, options) !== isISO8601(value, options),
      );
      expect(disagreements).toEqual([]);
    },
  );

  it('refuses days that do not exist and accepts leap days', () => {
    const strict = { strict: true, strictSeparator: true };
    expect(isIsoDateTime('2026-02-29T00:00:00Z', strict)).toBe(false);
    expect(isIsoDateTime('2024-02-29T00:00:00Z', strict)).toBe(true);
    expect(isIsoDateTime('2100-02-29T00:00:00Z', strict)).toBe(false);
    expect(isIsoDateTime('2026-04-31T00:00:00+07:00', strict)).toBe(false);
  });
});
