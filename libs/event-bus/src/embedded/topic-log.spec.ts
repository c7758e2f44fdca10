import { appendFileSync, mkdtempSync, readdirSync, rmSync, statSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { frameRecord, sealFrame } from './log-record';
import { TopicLog, type Cursor, type TopicLogOptions } from './topic-log';

const LARGE: TopicLogOptions = { segmentBytes: 64 * 1024 * 1024, retentionMs: 3_600_000 };

const message = (i: number) => ({ key: `unit-${i % 3}`, value: `event ${i}`, headers: { n: String(i) } });

/** Every record from the log's start, read in small steps. */
async function readAll(
  log: TopicLog,
  from?: Cursor,
): Promise<{ offset: number; value: string; key: string }[]> {
  const out: { offset: number; value: string; key: string }[] = [];
  let cursor = from ?? (await log.seek(log.startOffset));
  for (;;) {
    const { records, next } = await log.read(cursor, 200);
    if (records.length === 0) return out;
    out.push(...records.map((r) => ({ offset: r.offset, value: String(r.value), key: String(r.key) })));
    cursor = next;
  }
}

describe(TopicLog.name, () => {
  let directory: string;
  const logs: TopicLog[] = [];
  const open = async (options = LARGE) => {
    const log = await TopicLog.open('t', directory, options);
    logs.push(log);
    return log;
  };

  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'topic-log-'));
  });

  afterEach(async () => {
    for (const log of logs.splice(0)) await log.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('appends with consecutive offsets and reads back keys, values and headers', async () => {
    const log = await open();
    await log.append([message(0), message(1)]);
    await log.append([{ key: null, value: null }]);
    expect(log.endOffset).toBe(3);
    const { records } = await log.read(await log.seek(0), 1024);
    expect(
      records.map((r) => [r.offset, r.key && String(r.key), r.value && String(r.value), r.headers]),
    ).toEqual([
      [0, 'unit-0', 'event 0', { n: '0' }],
      [1, 'unit-1', 'event 1', { n: '1' }],
      [2, null, null, {}],
    ]);
  });

  it('keeps the order of concurrent publishes', async () => {
    const log = await open();
    await Promise.all(Array.from({ length: 50 }, (_, i) => log.append([message(i)])));
    expect((await readAll(log)).map((r) => r.value)).toEqual(
      Array.from({ length: 50 }, (_, i) => `event ${i}`),
    );
  });

  it('replays the same records after a reopen and continues their offsets', async () => {
    const first = await open();
    await first.append([message(0), message(1), message(2)]);
    await first.close();
    logs.splice(0);
    const again = await open();
    expect(again.endOffset).toBe(3);
    await again.append([message(3)]);
    expect((await readAll(again)).map((r) => r.offset)).toEqual([0, 1, 2, 3]);
  });

  it.each([
    ['a frame cut short', (frame: Buffer) => frame.subarray(0, frame.length - 5)],
    ['a frame with a bad checksum', (frame: Buffer) => Buffer.from(frame).fill(7, 20, 22)],
    ['a length alone', (frame: Buffer) => frame.subarray(0, 3)],
  ])('cuts a torn tail (%s) on open, keeping every complete record', async (_, tear) => {
    const first = await open();
    await first.append([message(0), message(1)]);
    await first.close();
    logs.splice(0);
    const [segment] = readdirSync(directory);
    const intact = statSync(join(directory, segment)).size;
    appendFileSync(join(directory, segment), tear(sealFrame(frameRecord(1, 'k', 'torn'), 2)));
    const again = await open();
    expect(statSync(join(directory, segment)).size).toBe(intact);
    expect(again.endOffset).toBe(2);
    await again.append([message(2)]);
    expect((await readAll(again)).map((r) => r.value)).toEqual(['event 0', 'event 1', 'event 2']);
  });

  it('rolls segments at their size, and seeks and reads across them', async () => {
    const log = await open({ segmentBytes: 300, retentionMs: 3_600_000 });
    for (let i = 0; i < 20; i++) await log.append([message(i)]);
    expect(readdirSync(directory).length).toBeGreaterThan(3);
    expect((await readAll(log)).map((r) => r.offset)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect((await readAll(log, await log.seek(13))).map((r) => r.offset)).toEqual([
      13, 14, 15, 16, 17, 18, 19,
    ]);
    expect(await log.read(await log.seek(20), 100)).toMatchObject({ records: [] });
  });

  it('deletes closed segments older than the retention when a segment rolls; a cursor there moves to the oldest left', async () => {
    const log = await open({ segmentBytes: 300, retentionMs: 60_000 });
    for (let i = 0; i < 10; i++) await log.append([message(i)]);
    const stale = await log.seek(0);
    const old = new Date(Date.now() - 120_000);
    for (const f of readdirSync(directory)) utimesSync(join(directory, f), old, old);
    for (let i = 10; i < 14; i++) await log.append([message(i)]);
    expect(log.startOffset).toBeGreaterThan(0);
    const [first] = (await log.read(stale, 100)).records;
    expect(first.offset).toBe(log.startOffset);
  });

  it('wakes a waiting reader when a record arrives, not before', async () => {
    const log = await open();
    const waiting = log.whenBeyond(0);
    let woke = false;
    void waiting.reached.then(() => (woke = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(woke).toBe(false);
    await log.append([message(0)]);
    await waiting.reached;
    expect(woke).toBe(true);
  });
});
