import { Coalescer } from './coalescer';

describe('Coalescer', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('runs the first change at once and folds a burst into one run per interval', async () => {
    const runs: string[][] = [];
    const c = new Coalescer<string>(
      1_000,
      (_key, items) => {
        runs.push([...items].sort());
        return Promise.resolve();
      },
      () => undefined,
    );
    c.mark('u', ['a']);
    await jest.advanceTimersByTimeAsync(0);
    expect(runs).toEqual([['a']]);
    c.mark('u', ['b']);
    c.mark('u', ['c', 'b']);
    await jest.advanceTimersByTimeAsync(999);
    expect(runs).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(1);
    expect(runs).toEqual([['a'], ['b', 'c']]);
    c.stop();
  });

  it('keeps the items of a failed run and retries them', async () => {
    let fail = true;
    const done: string[][] = [];
    const errors: unknown[] = [];
    const c = new Coalescer<string>(
      500,
      (_key, items) => {
        if (fail) {
          fail = false;
          return Promise.reject(new Error('ClickHouse down'));
        }
        done.push([...items]);
        return Promise.resolve();
      },
      (_key, error) => errors.push(error),
    );
    c.mark('u', ['a']);
    await jest.advanceTimersByTimeAsync(0);
    expect(errors).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(500);
    expect(done).toEqual([['a']]);
    c.stop();
  });
});
