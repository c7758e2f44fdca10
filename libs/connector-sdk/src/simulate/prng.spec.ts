import { Prng, hashSeed } from './prng';

describe(Prng.name, () => {
  it('gives the same sequence for the same seed and a different one for another seed', () => {
    const a = new Prng(42);
    const b = new Prng(42);
    const c = new Prng(43);
    const seqA = Array.from({ length: 20 }, () => a.next());
    expect(Array.from({ length: 20 }, () => b.next())).toEqual(seqA);
    expect(Array.from({ length: 20 }, () => c.next())).not.toEqual(seqA);
  });

  it('stays in range and spreads evenly', () => {
    const sut = new Prng(7);
    const buckets = new Array<number>(10).fill(0);
    for (let i = 0; i < 100_000; i++) {
      const x = sut.next();
      expect(x >= 0 && x < 1).toBe(true);
      buckets[Math.floor(x * 10)]++;
    }
    for (const count of buckets) expect(Math.abs(count - 10_000)).toBeLessThan(500);
  });

  it('draws integers with both ends included, weighted picks and Poisson counts with the asked mean', () => {
    const sut = new Prng(3);
    const ints = new Set(Array.from({ length: 1000 }, () => sut.int(1, 4)));
    expect([...ints].sort()).toEqual([1, 2, 3, 4]);
    const picks = Array.from({ length: 10_000 }, () =>
      sut.weighted([
        ['a', 9],
        ['b', 1],
      ] as const),
    );
    expect(picks.filter((p) => p === 'b').length / picks.length).toBeCloseTo(0.1, 1);
    for (const mean of [0.5, 9, 120]) {
      const draws = Array.from({ length: 5000 }, () => sut.poisson(mean));
      expect(draws.reduce((s, n) => s + n, 0) / draws.length).toBeCloseTo(mean, mean > 50 ? -1 : 0);
    }
  });
});

describe(hashSeed.name, () => {
  it('separates streams whose parts only differ in where they are split', () => {
    expect(hashSeed('ab', 'c')).not.toBe(hashSeed('a', 'bc'));
    expect(hashSeed(1, 'x', 20000)).toBe(hashSeed(1, 'x', 20000));
  });
});
