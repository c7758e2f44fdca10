import { chunkByBytes } from './chunk-by-bytes';

describe(chunkByBytes.name, () => {
  const size = (n: number) => n;

  it('keeps order and fills chunks up to the budget', () => {
    expect(chunkByBytes([4, 4, 2, 5, 1], size, 10)).toEqual([
      [4, 4, 2],
      [5, 1],
    ]);
  });

  it('puts an item larger than the budget alone', () => {
    expect(chunkByBytes([3, 20, 3], size, 10)).toEqual([[3], [20], [3]]);
  });

  it('has no chunks for no items', () => {
    expect(chunkByBytes([], size, 10)).toEqual([]);
  });
});
