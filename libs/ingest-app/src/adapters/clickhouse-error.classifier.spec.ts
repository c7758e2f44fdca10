import { classifyClickHouseError } from './clickhouse-error.classifier';

/** Error texts as ClickHouse 18.16 and @clickhouse/client deliver them (captured from real servers). */
const v18 = (code: number, text: string) =>
  new Error(`Code: ${code}, e.displayText() = DB::Exception: ${text}, e.what() = DB::Exception\n`);
const systemError = (code: string, message: string) => Object.assign(new Error(message), { code });
/** What @clickhouse/client makes of a current server's answer. */
const current = (code: string, message: string) => Object.assign(new Error(message), { code, type: 'X' });

describe(classifyClickHouseError.name, () => {
  it.each([
    ['connection refused', systemError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:8123')],
    ['socket hang up', systemError('ECONNRESET', 'socket hang up')],
    ['client timeout', new Error('Timeout error.')],
    ['proxy 503 page', new Error('<html><body><h1>503 Service Unavailable</h1></body></html>')],
    ['not an Error', 'boom'],
    [
      'too many parts',
      v18(252, 'Too many parts (300). Merges are processing significantly slower than inserts.'),
    ],
    ['memory limit', v18(241, 'Memory limit (for query) exceeded: would use 2.01 MiB, maximum: 1.00 B')],
    ['read-only', v18(164, 'Cannot insert into table in readonly mode')],
    ['server timeout', v18(159, 'Timeout exceeded: elapsed 1.000000033 seconds, maximum: 1')],
    ['missing table', v18(60, "Table coc.onestop_events doesn't exist.")],
    ['unknown user', v18(192, 'Unknown user nobody')],
    ['current server, too many parts', current('252', 'Too many parts (3001). ')],
  ])('retries on infrastructure errors: %s', (_, error) => {
    expect(classifyClickHouseError(error).kind).toBe('infrastructure');
  });

  it.each([
    [
      'type error (18.16)',
      v18(131, 'Too large value for FixedString(8): (while read the value of key p): (at row 1)\n'),
      131,
      'Too large value for FixedString(8): (while read the value of key p): (at row 1)',
    ],
    [
      'parse error (18.16)',
      v18(27, 'Cannot parse input: expected " before: abc: (while read the value of key n): (at row 1)\n'),
      27,
      'Cannot parse input: expected " before: abc: (while read the value of key n): (at row 1)',
    ],
    [
      'bad escape (18.16)',
      v18(25, 'Cannot parse escape sequence: missing second part of surrogate pair'),
      25,
      'Cannot parse escape sequence: missing second part of surrogate pair',
    ],
    ['parse error (current server)', current('27', 'Cannot parse input'), 27, 'Cannot parse input'],
  ])('refuses the rows on data errors: %s', (_, error, code, message) => {
    expect(classifyClickHouseError(error)).toEqual({ kind: 'data', code, message });
  });

  it('classifies in linear time: 100,000 spaces take well under 50 ms', () => {
    const spaces = ' '.repeat(100_000);
    const messages = [
      `Code: 27, e.displayText() = DB::Exception: ${spaces}x${spaces}`,
      `Code: 27. DB::Exception:${spaces}`,
      `Code: 27, e.displayText() = DB::Exception: a${spaces}, e.what() = DB::Exception${spaces}`,
    ];
    const started = performance.now();
    const results = messages.map((m) => classifyClickHouseError(new Error(m)));
    const elapsed = performance.now() - started;
    expect(results.map((r) => (r.kind === 'data' ? r.message : r.kind))).toEqual(['x', '', 'a']);
    expect(elapsed).toBeLessThan(50);
  });
});
