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

  it('refuses what it cannot render safely', () => {
    expect(() => identifier('t; DROP TABLE x')).toThrow('not a safe SQL identifier');
    expect(() => sql`${Number.NaN}`).toThrow('not a finite number');
    expect(() => sql`${[] as string[]}`).toThrow('empty list');
    expect(() => dateTimeLiteral(new Date('nope'))).toThrow('invalid Date');
  });
});
