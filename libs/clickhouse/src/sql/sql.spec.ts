import { dateTimeLiteral, identifier, sql, stringLiteral } from './sql';

describe('sql', () => {
  it('escapes quotes and backslashes in strings', () => {
    expect(stringLiteral("a'b\\c")).toBe("'a\\'b\\\\c'");
    expect(sql`SELECT ${"x' OR 1=1 --"}`.text).toBe("SELECT 'x\\' OR 1=1 --'");
  });

  it('renders numbers, dates, lists and identifiers', () => {
    const at = new Date('2026-11-23T00:00:00Z');
    expect(sql`${identifier('t_1')} ${42} ${at} ${['a', 'b']} ${[1, 2]}`.text).toBe(
      "t_1 42 toDateTime(1795392000) ('a', 'b') (1, 2)",
    );
  });

  it('renders a long list for IN as a subquery over an array, a mixed one as a tuple', () => {
    const codes = Array.from({ length: 33 }, (_, i) => `c${i}`);
    expect(sql`x IN ${codes}`.text).toBe(
      `x IN (SELECT arrayJoin([${codes.map((c) => `'${c}'`).join(', ')}]))`,
    );
    expect(sql`x IN ${codes.slice(0, 32)}`.text).toBe(
      `x IN (${codes
        .slice(0, 32)
        .map((c) => `'${c}'`)
        .join(', ')})`,
    );
    const mixed = [...codes.slice(0, 32), 7];
    expect(sql`x IN ${mixed}`.text).toBe(
      `x IN (${codes
        .slice(0, 32)
        .map((c) => `'${c}'`)
        .join(', ')}, 7)`,
    );
    expect(sql`x IN ${["it's", ...codes]}`.text).toContain("arrayJoin(['it\\'s', 'c0'");
  });

  it('refuses what it cannot render safely', () => {
    expect(() => identifier('t; DROP TABLE x')).toThrow('not a safe SQL identifier');
    expect(() => sql`${Number.NaN}`).toThrow('not a finite number');
    expect(() => sql`${[] as string[]}`).toThrow('empty list');
    expect(() => dateTimeLiteral(new Date('nope'))).toThrow('invalid Date');
  });
});
