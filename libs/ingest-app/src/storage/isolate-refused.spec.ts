import { StorageRejectedError } from '../ports/storage-rejected.error';
import { isolateRefused } from './isolate-refused';

/** A store that refuses every batch containing a bad item and keeps what it accepts. */
function fakeStore(bad: (n: number) => boolean, { failOnCall }: { failOnCall?: number } = {}) {
  const stored = new Set<number>();
  let calls = 0;
  return {
    stored,
    calls: () => calls,
    insert: (items: readonly number[]) => {
      calls++;
      if (calls === failOnCall) return Promise.reject(new Error('connect ECONNREFUSED'));
      const refused = items.find(bad);
      if (refused !== undefined)
        return Promise.reject(new StorageRejectedError(`cannot store ${refused}`, 'clickhouse:131'));
      items.forEach((i) => stored.add(i));
      return Promise.resolve();
    },
  };
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const firstRefusal = new StorageRejectedError('whole batch', 'clickhouse:131');

describe(isolateRefused.name, () => {
  it('isolates each refused item, with its own error, and stores all the others', async () => {
    const store = fakeStore((n) => n === 3 || n === 700 || n === 701);
    const refused = await isolateRefused(range(1000), store.insert, firstRefusal);
    expect(refused.map((r) => [r.item, r.error.message])).toEqual([
      [3, 'cannot store 3'],
      [700, 'cannot store 700'],
      [701, 'cannot store 701'],
    ]);
    expect(store.stored).toEqual(new Set(range(1000).filter((n) => ![3, 700, 701].includes(n))));
    // k = 3 bad items in n = 1000: about 2·k·log2(n) inserts, not n
    expect(store.calls()).toBeLessThanOrEqual(2 * 3 * Math.ceil(Math.log2(1000)));
  });

  it('refuses a lone item with the refusal it came with', async () => {
    const store = fakeStore(() => true);
    expect(await isolateRefused([42], store.insert, firstRefusal)).toEqual([
      { item: 42, error: firstRefusal },
    ]);
    expect(store.calls()).toBe(0);
  });

  it('refuses everything when every item is bad', async () => {
    const store = fakeStore(() => true);
    const refused = await isolateRefused(range(5), store.insert, firstRefusal);
    expect(refused.map((r) => r.item)).toEqual(range(5));
    expect(store.stored.size).toBe(0);
  });

  it('throws an infrastructure failure met while bisecting, for the batch to be retried', async () => {
    const store = fakeStore((n) => n === 7, { failOnCall: 3 });
    await expect(isolateRefused(range(16), store.insert, firstRefusal)).rejects.toThrow('ECONNREFUSED');
  });
});
