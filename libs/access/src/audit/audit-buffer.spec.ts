import type { AccessAuditV1 } from '@libs/contracts';
import { AuditBuffer } from './audit-buffer';

const entry = (n: number) => ({ id: String(n) }) as AccessAuditV1;

function setup(send: (batch: readonly AccessAuditV1[]) => Promise<void>, bufferMax = 20) {
  const seen = { produced: 0, failed: 0, lost: [] as [number, string][], size: 0 };
  const sut = new AuditBuffer(
    send,
    { batchMax: 3, bufferMax },
    {
      produced: (n) => (seen.produced += n),
      failed: () => (seen.failed += 1),
      lost: (n, reason) => seen.lost.push([n, reason]),
      size: (n) => (seen.size = n),
    },
  );
  return { sut, seen };
}

describe(AuditBuffer.name, () => {
  it('sends in batches of at most batchMax, in order, and says when a full batch waits', async () => {
    const batches: string[][] = [];
    const { sut, seen } = setup((batch) => {
      batches.push(batch.map((e) => e.id));
      return Promise.resolve();
    });
    expect([1, 2].map((n) => sut.add(entry(n)))).toEqual([false, false]);
    expect(sut.add(entry(3))).toBe(true);
    for (const n of [4, 5, 6, 7]) sut.add(entry(n));
    await sut.flush();
    expect(batches).toEqual([['1', '2', '3'], ['4', '5', '6'], ['7']]);
    expect(seen).toMatchObject({ produced: 7, failed: 0, size: 0 });
  });

  it('keeps a failed batch for the next flush and lets the failure through', async () => {
    let down = true;
    const sent: string[] = [];
    const { sut, seen } = setup((batch) => {
      if (down) return Promise.reject(new Error('broker away'));
      sent.push(...batch.map((e) => e.id));
      return Promise.resolve();
    });
    [1, 2, 3, 4].forEach((n) => sut.add(entry(n)));
    await expect(sut.flush()).rejects.toThrow('broker away');
    expect(sut.length).toBe(4);
    sut.add(entry(5));
    down = false;
    await sut.flush();
    expect(sent).toEqual(['1', '2', '3', '4', '5']);
    expect(seen).toMatchObject({ produced: 5, failed: 1 });
  });

  it('refuses reads from nine-tenths full, loses past full (counted), and tells what shutdown abandons', () => {
    const { sut, seen } = setup(() => Promise.reject(new Error('down')), 20);
    for (let n = 0; n < 17; n++) sut.add(entry(n));
    expect(sut.accepting()).toBe(true);
    sut.add(entry(17));
    expect(sut.accepting()).toBe(false);
    for (let n = 18; n < 25; n++) sut.add(entry(n));
    expect(sut.length).toBe(20);
    expect(seen.lost).toEqual([
      [1, 'overflow'],
      [1, 'overflow'],
      [1, 'overflow'],
      [1, 'overflow'],
      [1, 'overflow'],
    ]);
    sut.abandon();
    expect(seen.lost.at(-1)).toEqual([20, 'shutdown']);
    expect(sut.length).toBe(0);
  });

  it('runs one flush at a time', async () => {
    let calls = 0;
    let release!: () => void;
    const { sut } = setup(() => {
      calls += 1;
      return new Promise<void>((resolve) => (release = resolve));
    });
    sut.add(entry(1));
    const first = sut.flush();
    const second = sut.flush();
    expect(second).toBe(first);
    release();
    await first;
    expect(calls).toBe(1);
  });
});
