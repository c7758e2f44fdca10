import { isInstant } from './instant';

describe(isInstant.name, () => {
  it.each([
    '2026-11-21T00:00:00+07:00',
    '2026-11-21T00:00Z',
    '2024-02-29T23:59:59.999-05:30',
    '1970-01-01T00:00:00Z',
  ])('takes %s', (value) => expect(isInstant(value)).toBe(true));

  it.each([
    '2026-13-01T00:00Z',
    '2026-02-30T00:00:00Z',
    '2025-02-29T00:00:00Z',
    '2026-11-21T24:00:00Z',
    '2026-11-21T10:60:00Z',
    '2026-11-21T10:00:00+15:00',
    '1969-12-31T23:59:59Z',
    '2200-01-01T00:00:00Z',
    '2026-11-21T00:00:00',
    '2026-11-21',
  ])('refuses %s', (value) => expect(isInstant(value)).toBe(false));
});
