import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { ConsumedRecord } from '@libs/event-bus-port';
import { DirectoryInUseError } from '@libs/platform';
import { EmbeddedEventBus } from './embedded-event-bus';

const REPO = join(__dirname, '..', '..', '..', '..');
const SCRIPT = join(REPO, 'libs', 'event-bus', 'test', 'bus-process.ts');

interface Child {
  process: ChildProcess;
  lines: string[];
  /** Resolves once a line matching `pattern` was printed. */
  printed(pattern: RegExp): Promise<void>;
}

function start(mode: 'publish' | 'hold', directory: string): Child {
  const child = spawn(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', SCRIPT, mode, directory],
    { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const lines: string[] = [];
  const watchers: { pattern: RegExp; resolve: () => void }[] = [];
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  createInterface({ input: child.stdout }).on('line', (line) => {
    lines.push(line);
    for (const w of watchers.filter((w) => w.pattern.test(line))) w.resolve();
  });
  return {
    process: child,
    lines,
    printed: (pattern) =>
      new Promise((resolve, reject) => {
        if (lines.some((l) => pattern.test(l))) return resolve();
        watchers.push({ pattern, resolve });
        child.once('exit', (code) =>
          reject(new Error(`child exited (${code}) before ${pattern}: ${stderr}`)),
        );
      }),
  };
}

const ranges = (lines: string[], word: string) =>
  lines
    .filter((l) => l.startsWith(`${word} `))
    .map((l) => l.split(' ').slice(1).map(Number) as [number, number]);

const killed = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });

describe('the embedded bus after a SIGKILL', () => {
  let directory: string;

  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'bus-crash-'));
  });

  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  it('holds every acknowledged publish exactly once, and a consumer resumes after its last commit, exactly once', async () => {
    const child = start('publish', directory);
    await child.printed(/^ready$/);
    // Killed mid-stream: publishing and consuming never pause in the child.
    await child.printed(/^acked \d+ ([3-9]\d{3}|\d{5,})$/);
    await killed(child.process);

    const acked = ranges(child.lines, 'acked');
    const lastAcked = acked[acked.length - 1][1];
    const handledBefore = ranges(child.lines, 'handled');
    expect(handledBefore.length).toBeGreaterThan(0);

    const bus = EmbeddedEventBus.open({ directory, segmentBytes: 64 * 1024, retentionMs: 3_600_000 });
    try {
      const [{ committed, logEnd }] = await bus.groupOffsets('g', ['t']);
      expect(logEnd).toBeGreaterThan(lastAcked);
      expect(committed).toBeGreaterThan(0);

      /** What a consumer of `groupId` receives until it has `count` records (or 10 s passed). */
      const collect = async (groupId: string, count: number) => {
        const seen: ConsumedRecord[] = [];
        const consumer = bus.groupConsumer(
          {
            groupId,
            topics: ['t'],
            fromBeginning: true,
            minBytes: 1,
            maxWaitMs: 5,
            maxBytesPerPartition: 64 * 1024,
            partitionsConsumedConcurrently: 1,
            retryInitialMs: 5,
            retryMaxMs: 20,
          },
          (records) => {
            seen.push(...records);
            return Promise.resolve();
          },
        );
        await consumer.start();
        const deadline = Date.now() + 10_000;
        while (seen.length < count && Date.now() < deadline)
          await new Promise((resolve) => setTimeout(resolve, 10));
        await consumer.stop();
        return seen;
      };

      // The whole log: offsets 0..end once each, every acknowledged sequence number once, in order.
      const all = await collect('audit', logEnd);
      expect(all.map((r) => Number(r.offset))).toEqual(Array.from({ length: logEnd }, (_, i) => i));
      const values = all.map((r) => Number(String(r.value).slice(1)));
      expect(values).toEqual(Array.from({ length: logEnd }, (_, i) => i));
      expect(all.every((r) => r.headers?.sequence === String(r.value).slice(1))).toBe(true);

      // Group g resumes at its commit: each later record once, and nothing the child had not handled is skipped.
      const resumed = await collect('g', logEnd - committed);
      expect(resumed.map((r) => Number(r.offset))).toEqual(
        Array.from({ length: logEnd - committed }, (_, i) => committed + i),
      );
      const handledUpTo = Math.max(...handledBefore.map(([, last]) => last));
      expect(committed).toBeLessThanOrEqual(handledUpTo + 1);
    } finally {
      await bus.close();
    }
  });

  it('refuses a second process on the same directory, naming the holder; takes over once it died', async () => {
    const holder = start('hold', directory);
    await holder.printed(/^ready$/);
    const open = () => EmbeddedEventBus.open({ directory, segmentBytes: 64 * 1024, retentionMs: 3_600_000 });
    expect(open).toThrow(DirectoryInUseError);
    expect(open).toThrow(new RegExp(`held by process ${holder.process.pid}.*one process per data directory`));
    await killed(holder.process);
    const bus = open();
    await bus.close();
  });
});
