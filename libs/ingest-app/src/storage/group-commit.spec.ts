import { StorageRejectedError } from '../ports/storage-rejected.error';
import { GroupCommit } from './group-commit';

/** A store whose inserts finish when the test says so; it refuses any insert holding a "bad" row. */
class FakeTable {
  readonly inserts: string[][] = [];
  readonly stored: string[] = [];
  private readonly gates: (() => void)[] = [];
  down = false;

  insert = async (rows: readonly string[]): Promise<void> => {
    this.inserts.push([...rows]);
    await new Promise<void>((resolve) => this.gates.push(resolve));
    if (this.down) throw new Error('connect ECONNREFUSED');
    if (rows.includes('bad')) throw new StorageRejectedError('Cannot parse input', 'clickhouse:27');
    this.stored.push(...rows);
  };

  /** Lets every insert started so far finish, then lets the callers' continuations run. */
  async release(): Promise<void> {
    for (const open of this.gates.splice(0)) open();
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Lets the event loop finish its turn (when a group commit starts its first insert). */
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

const settled = (p: Promise<void>) =>
  p.then(
    () => 'stored',
    (error: Error) => error.name,
  );

describe('GroupCommit', () => {
  it('writes the batches of one turn in one insert, and those arriving during it together in the next', async () => {
    const table = new FakeTable();
    const group = new GroupCommit(table.insert, 100);
    const first = [group.write(['a1', 'a2']), group.write(['b1'])].map(settled);
    expect(table.inserts).toEqual([]);
    await nextTurn();
    expect(table.inserts).toEqual([['a1', 'a2', 'b1']]);
    const others = [group.write(['c1', 'c2']), group.write(['d1'])].map(settled);
    await nextTurn();
    expect(table.inserts).toHaveLength(1);
    await table.release();
    expect(table.inserts).toEqual([
      ['a1', 'a2', 'b1'],
      ['c1', 'c2', 'd1'],
    ]);
    expect(await Promise.all(first)).toEqual(['stored', 'stored']);
    await table.release();
    expect(await Promise.all(others)).toEqual(['stored', 'stored']);
    expect(table.stored).toEqual(['a1', 'a2', 'b1', 'c1', 'c2', 'd1']);
  });

  it('does not resolve a writer before its own rows are stored', async () => {
    const table = new FakeTable();
    const group = new GroupCommit(table.insert, 100);
    let done = false;
    void group.write(['a']);
    await nextTurn();
    void group.write(['b']).then(() => (done = true));
    await table.release();
    expect(done).toBe(false);
    await table.release();
    expect(done).toBe(true);
  });

  it('caps a group at maxRows, letting a larger single write go alone', async () => {
    const table = new FakeTable();
    const group = new GroupCommit(table.insert, 3);
    const writes = [
      group.write(['a']),
      group.write(['b1', 'b2']),
      group.write(['c1', 'c2']),
      group.write(['d']),
    ];
    const big = group.write(['e1', 'e2', 'e3', 'e4']);
    await nextTurn();
    for (let i = 0; i < 3; i++) await table.release();
    await Promise.all([...writes, big]);
    expect(table.inserts).toEqual([
      ['a', 'b1', 'b2'],
      ['c1', 'c2', 'd'],
      ['e1', 'e2', 'e3', 'e4'],
    ]);
  });

  it('when the store refuses a group, inserts each writer alone so only the batch with the refused row fails', async () => {
    const table = new FakeTable();
    const group = new GroupCommit(table.insert, 100);
    const first = settled(group.write(['a']));
    await nextTurn();
    const rest = [group.write(['b']), group.write(['bad', 'c']), group.write(['d'])].map(settled);
    await table.release();
    await table.release();
    expect(table.inserts.slice(2)).toEqual([['b'], ['bad', 'c'], ['d']]);
    await table.release();
    expect(await first).toBe('stored');
    expect(await Promise.all(rest)).toEqual(['stored', 'StorageRejectedError', 'stored']);
    expect(table.stored.sort()).toEqual(['a', 'b', 'd']);
  });

  it('passes an outage to every writer of the group without inserting again, then serves new writes', async () => {
    const table = new FakeTable();
    const group = new GroupCommit(table.insert, 100);
    const first = settled(group.write(['a']));
    await nextTurn();
    const rest = [group.write(['b']), group.write(['c'])].map(settled);
    table.down = true;
    await table.release();
    await table.release();
    expect(await first).toBe('Error');
    expect(await Promise.all(rest)).toEqual(['Error', 'Error']);
    expect(table.inserts).toEqual([['a'], ['b', 'c']]);
    table.down = false;
    const again = settled(group.write(['a', 'b', 'c']));
    await nextTurn();
    await table.release();
    expect(await again).toBe('stored');
    expect(table.stored).toEqual(['a', 'b', 'c']);
  });

  it('resolves an empty write without inserting', async () => {
    const table = new FakeTable();
    await new GroupCommit(table.insert, 100).write([]);
    expect(table.inserts).toEqual([]);
  });
});
