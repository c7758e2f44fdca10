import { Coalescer } from './coalescer';

type Runs = Record<string, string[]>[];

/** A coalescer whose flush records each batch (key → sorted items) and fails the keys `fail` names. */
function recording(intervalMs: number, fail: (key: string) => unknown = () => undefined) {
  const runs: Runs = [];
  const errors: [string[], unknown][] = [];
  const c = new Coalescer<string>(
    intervalMs,
    (batch) => {
      runs.push(Object.fromEntries([...batch].map(([k, items]) => [k, [...items].sort()])));
      const failed = new Map<string, unknown>();
      for (const key of batch.keys()) {
        const error = fail(key);
        if (error) failed.set(key, error);
      }
      return Promise.resolve(failed);
    },
    (keys, error) => errors.push([[...keys], error]),
  );
  return { c, runs, errors };
}

describe('Coalescer', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('runs the first change at once and folds a burst into one run per interval', async () => {
    const { c, runs } = recording(1_000);
    c.mark('u', ['a']);
    await jest.advanceTimersByTimeAsync(0);
    expect(runs).toEqual([{ u: ['a'] }]);
    c.mark('u', ['b']);
    c.mark('u', ['c', 'b']);
    await jest.advanceTimersByTimeAsync(999);
    expect(runs).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(1);
    expect(runs).toEqual([{ u: ['a'] }, { u: ['b', 'c'] }]);
    c.stop();
  });

  it('flushes the keys marked together in one batch, and those due later when they are due', async () => {
    const { c, runs } = recording(1_000);
    c.mark('u', ['a']);
    await jest.advanceTimersByTimeAsync(400);
    c.mark('u', ['b']);
    c.mark('v', ['a']);
    c.mark('w', ['a']);
    await jest.advanceTimersByTimeAsync(0);
    expect(runs).toEqual([{ u: ['a'] }, { v: ['a'], w: ['a'] }]);
    await jest.advanceTimersByTimeAsync(600);
    expect(runs[2]).toEqual({ u: ['b'] });
    c.stop();
  });

  it('holds what falls due during a run for one next batch', async () => {
    let release!: () => void;
    const runs: string[][] = [];
    const c = new Coalescer<string>(
      100,
      (batch) => {
        runs.push([...batch.keys()]);
        return runs.length === 1
          ? new Promise((r) => (release = () => r(new Map())))
          : Promise.resolve(new Map());
      },
      () => undefined,
    );
    c.mark('u', ['a']);
    await jest.advanceTimersByTimeAsync(0);
    c.mark('v', ['a']);
    c.mark('w', ['a']);
    await jest.advanceTimersByTimeAsync(500);
    expect(runs).toEqual([['u']]);
    release();
    await jest.advanceTimersByTimeAsync(0);
    expect(runs).toEqual([['u'], ['v', 'w']]);
    c.stop();
  });

  it('counts the interval from the start of a run: a change made during a slow run goes out when it ends', async () => {
    const runs: { at: number; keys: string[] }[] = [];
    const c = new Coalescer<string>(
      100,
      async (batch) => {
        runs.push({ at: Date.now(), keys: [...batch.keys()] });
        // The first run is slow (250 ms), the others quick (30 ms).
        await new Promise((r) => setTimeout(r, runs.length === 1 ? 250 : 30));
        return new Map();
      },
      () => undefined,
    );
    const t0 = Date.now();
    c.mark('u', ['a']);
    await jest.advanceTimersByTimeAsync(50);
    c.mark('u', ['b']);
    await jest.advanceTimersByTimeAsync(210);
    // Right after the slow run (a zero timeout is 1 ms under fake timers), not at 250 + 100.
    expect(runs.map((r) => r.at - t0)).toEqual([0, 251]);
    c.mark('u', ['c']);
    await jest.advanceTimersByTimeAsync(90);
    expect(runs).toHaveLength(2);
    await jest.advanceTimersByTimeAsync(1);
    expect(runs.map((r) => r.at - t0)).toEqual([0, 251, 351]);
    c.stop();
  });

  it('keeps the items of the keys that failed and retries them alone', async () => {
    let down = true;
    const { c, runs, errors } = recording(500, (key) =>
      key === 'u' && down ? new Error('ClickHouse down') : undefined,
    );
    c.mark('u', ['a']);
    c.mark('v', ['b']);
    await jest.advanceTimersByTimeAsync(0);
    expect(errors).toEqual([[['u'], new Error('ClickHouse down')]]);
    down = false;
    await jest.advanceTimersByTimeAsync(500);
    expect(runs).toEqual([{ u: ['a'], v: ['b'] }, { u: ['a'] }]);
    c.stop();
  });

  it('retries every key of a batch whose flush throws', async () => {
    let calls = 0;
    const errors: string[][] = [];
    const c = new Coalescer<string>(
      500,
      () => (++calls === 1 ? Promise.reject(new Error('down')) : Promise.resolve(new Map())),
      (keys) => errors.push([...keys]),
    );
    c.mark('u', ['a']);
    c.mark('v', ['a']);
    await jest.advanceTimersByTimeAsync(0);
    expect(errors).toEqual([['u', 'v']]);
    await jest.advanceTimersByTimeAsync(500);
    expect(calls).toBe(2);
    c.stop();
  });
});
