import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import {
  closeEngine,
  migrateEngine,
  openEmbeddedEngine,
  openServerEngine,
  type EngineUnderTest,
} from '@libs/testing';
import { DirectoryInUseError } from '@libs/platform';
import { sql } from '../sql/sql';
import { openEmbeddedStore } from './embedded-analytics-store';

const REPO = join(__dirname, '..', '..', '..', '..');

/** What callers parse: 64-bit integers as numbers, dates as the column's local text. */
const SHAPES = `SELECT toUInt64(3) AS u64, toInt64(-2) AS i64, count() AS n, toUInt8(1) AS u8, 1.5 AS f,
  'x' AS s, toDate('2026-11-22') AS d, toDateTime('2026-11-22 10:00:00', 'Asia/Ho_Chi_Minh') AS t,
  [1, 2] AS a, NULL AS z FROM numbers(4)`;

describe.each([
  ['ClickHouse 18.16 server', () => openServerEngine('store_contract')],
  ['chDB embedded', () => openEmbeddedEngine('store_contract')],
] as const)('the analytics store port on %s', (_, open) => {
  let engine: EngineUnderTest;
  beforeAll(async () => {
    engine = open();
    await migrateEngine(engine);
    await engine.store.command({
      query: `CREATE TABLE probe (id UInt64, at DateTime('Asia/Ho_Chi_Minh'), note String) ENGINE = MergeTree() ORDER BY id`,
    });
  });
  afterAll(() => closeEngine(engine));

  it('answers rows of the same JSON shapes, 64-bit integers as numbers', async () => {
    const rows = await (await engine.store.query({ query: SHAPES, format: 'JSONEachRow' })).json();
    expect(rows).toEqual([
      {
        u64: 3,
        i64: -2,
        n: 4,
        u8: 1,
        f: 1.5,
        s: 'x',
        d: '2026-11-22',
        t: '2026-11-22 10:00:00',
        a: [1, 2],
        z: null,
      },
    ]);
    const text = await (await engine.store.query({ query: 'SELECT 1 AS one', format: 'JSONEachRow' })).text();
    expect(text).toBe('{"one":1}\n');
  });

  it('answers IN and NOT IN over a long list (rendered as a subquery) as over a short one', async () => {
    const count = async (query: string) =>
      (await (await engine.store.query({ query, format: 'JSONEachRow' })).json<{ n: number }>())[0].n;
    const evens = Array.from({ length: 50 }, (_, i) => String(2 * i));
    const long = sql`SELECT count() AS n FROM numbers(200) WHERE toString(number) IN ${evens}`.text;
    expect(long).toContain('arrayJoin');
    expect(await count(long)).toBe(50);
    expect(
      await count(sql`SELECT count() AS n FROM numbers(200) WHERE toString(number) NOT IN ${evens}`.text),
    ).toBe(150);
    expect(await count(sql`SELECT count() AS n FROM numbers(200) WHERE number IN ${[3, 5, 7]}`.text)).toBe(3);
  });

  it('stores rows with ISO instants and extra fields, in the database it was opened on', async () => {
    await engine.store.insert({
      table: 'probe',
      format: 'JSONEachRow',
      values: [
        { id: 1, at: '2026-11-22T03:00:00Z', note: 'utc', unknown: true },
        { id: 2, at: '2026-11-22T10:00:00+07:00', note: 'local' },
        { id: 3, at: 1795305600, note: 'unix' },
      ],
    });
    await engine.store.insert({ table: 'probe', format: 'JSONEachRow', values: [] });
    const rows = await (
      await engine.store.query({
        query: `SELECT id, toString(at) AS at, note, currentDatabase() AS db FROM probe ORDER BY id`,
        format: 'JSONEachRow',
      })
    ).json();
    expect(rows).toEqual([
      { id: 1, at: '2026-11-22 10:00:00', note: 'utc', db: engine.database },
      { id: 2, at: '2026-11-22 10:00:00', note: 'local', db: engine.database },
      { id: 3, at: '2026-11-22 07:00:00', note: 'unix', db: engine.database },
    ]);
  });

  it('pings, and rejects a bad statement with the ClickHouse code in its message', async () => {
    expect(await engine.store.ping()).toMatchObject({ success: true });
    await expect(engine.store.command({ query: 'SELEC 1' })).rejects.toThrow(/Code: 62\b/);
    await expect(
      engine.store.query({ query: 'SELECT * FROM no_such_table', format: 'JSONEachRow' }),
    ).rejects.toThrow(/Code: 60\b/);
  });
});

/** A second process on the directory, reporting each line it prints. */
function otherProcess(directory: string): { child: ChildProcess; lines: AsyncIterator<string> } {
  const script = `
    const { openEmbeddedStore } = require('./libs/clickhouse/src/store/embedded-analytics-store');
    const store = openEmbeddedStore({ directory: ${JSON.stringify(directory)}, database: 'coc' });
    store.command({ query: 'CREATE TABLE IF NOT EXISTS acknowledged (n UInt32) ENGINE = MergeTree() ORDER BY n' })
      .then(() => store.insert({ table: 'acknowledged', format: 'JSONEachRow', values: [{ n: 1 }, { n: 2 }] }))
      .then(() => console.log('stored'), (e) => { console.log('failed ' + e.message); process.exit(1); });`;
  const child = spawn(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', '-e', script],
    { cwd: REPO, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return { child, lines: createInterface({ input: child.stdout })[Symbol.asyncIterator]() };
}

describe('the embedded store directory', () => {
  it('belongs to one process: a second is refused by name, and takes it over once the first was killed', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'coc-chdb-lock-'));
    const first = otherProcess(directory);
    try {
      expect((await first.lines.next()).value).toBe('stored');
      let refusal: unknown;
      try {
        openEmbeddedStore({ directory, database: 'coc' });
      } catch (error) {
        refusal = error;
      }
      expect(refusal).toBeInstanceOf(DirectoryInUseError);
      expect((refusal as Error).message).toContain(`held by process ${first.child.pid}`);
    } finally {
      const exited = new Promise((resolve) => first.child.once('exit', resolve));
      first.child.kill('SIGKILL');
      await exited;
    }
    const store = openEmbeddedStore({ directory, database: 'coc' });
    try {
      const rows = await (
        await store.query({ query: 'SELECT n FROM acknowledged ORDER BY n', format: 'JSONEachRow' })
      ).json();
      expect(rows).toEqual([{ n: 1 }, { n: 2 }]);
    } finally {
      await store.close();
      rmSync(directory, { recursive: true, force: true });
    }
  }, 60_000);
});
