import { cadenceMinutes, parseSourceCadences, sourceHealth } from './source-cadence';

describe('source cadences', () => {
  it('takes the unit, then *, then the default', () => {
    const c = parseSourceCadences('{"*":{"camera":10},"26734":{"camera":5,"onestop":120}}');
    expect(cadenceMinutes(c, '26734', 'camera')).toBe(5);
    expect(cadenceMinutes(c, '26740', 'camera')).toBe(10);
    expect(cadenceMinutes(c, '26740', 'onestop')).toBe(3 * 24 * 60);
  });

  it.each([
    ['[1]', 'must be an object'],
    ['{"abc":{}}', 'neither'],
    ['{"*":{"fax":3}}', 'unknown source fax'],
    ['{"*":{"camera":0}}', 'positive number'],
    ['{', 'is not JSON'],
  ])('refuses %s naming the variable', (text, message) => {
    expect(() => parseSourceCadences(text)).toThrow(`COC_SCREEN_SOURCE_CADENCE: `);
    expect(() => parseSourceCadences(text)).toThrow(message);
  });

  it('turns a source stale once silent beyond its cadence, and one never heard from', () => {
    const now = new Date('2026-12-01T02:00:00Z');
    const health = sourceHealth(
      { '*': { camera: 15 } },
      '26734',
      new Map([
        ['camera', new Date('2026-12-01T01:46:00Z')],
        ['onestop', new Date('2026-11-29T02:00:00Z')],
      ]),
      now,
    );
    expect(health.map((h) => [h.source, h.stale])).toEqual([
      ['qlvb', true],
      ['onestop', false],
      ['camera', false],
      ['reporting', true],
    ]);
    const later = sourceHealth(
      { '*': { camera: 15 } },
      '26734',
      new Map([['camera', new Date('2026-12-01T01:44:59Z')]]),
      now,
    );
    expect(later.find((h) => h.source === 'camera')?.stale).toBe(true);
  });
});
