import { GroupBatcher } from './group-batcher';

describe('GroupBatcher', () => {
  it('loads the keys asked in one turn together, and those asked during a load in the next batch', async () => {
    const batches: string[][] = [];
    let release!: () => void;
    const batcher = new GroupBatcher<string, string>(async (keys) => {
      batches.push([...keys]);
      if (batches.length === 1) await new Promise<void>((r) => (release = r));
      return new Map(keys.map((k) => [k, k.toUpperCase()]));
    });
    const first = [batcher.load('a'), batcher.load('b'), batcher.load('a')];
    await Promise.resolve();
    const later = [batcher.load('c'), batcher.load('d'), batcher.load('b')];
    release();
    expect(await Promise.all([...first, ...later])).toEqual(['A', 'B', 'A', 'C', 'D', 'B']);
    expect(batches).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
  });

  it('fails only the keys answered with an error, and every key of a batch that throws', async () => {
    const ok = new GroupBatcher<string, string>((keys) =>
      Promise.resolve(new Map(keys.map((k) => [k, k === 'x' ? new Error(`no ${k}`) : k]))),
    );
    await expect(Promise.all([ok.load('a'), ok.load('x').catch((e: Error) => e.message)])).resolves.toEqual([
      'a',
      'no x',
    ]);
    const broken = new GroupBatcher<string, string>(() => Promise.reject(new Error('down')));
    await expect(broken.load('a')).rejects.toThrow('down');
    await expect(broken.load('b')).rejects.toThrow('down');
  });
});
