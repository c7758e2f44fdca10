import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DirectoryInUseError } from '@libs/platform';
import { LOCK_FILE, lockDataDirectory } from './data-directory-lock';

/** A process of our own that stays alive until killed, to own a lock. */
function liveProcess(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  return new Promise((resolve, reject) => {
    child.once('spawn', () => resolve(child));
    child.once('error', reject);
  });
}

async function ended(child: ChildProcess): Promise<number> {
  const pid = child.pid as number;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
  return pid;
}

describe(lockDataDirectory.name, () => {
  let directory: string;
  const lockFile = () => join(directory, LOCK_FILE);

  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'coc-lock-'));
  });
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  it('takes a free directory in the name of this process, and gives it back', () => {
    const release = lockDataDirectory(directory);
    expect(readFileSync(lockFile(), 'utf8').trim()).toBe(String(process.pid));
    release();
    expect(existsSync(lockFile())).toBe(false);
  });

  it('refuses a directory a live process holds, naming the process, the directory and the ways out', async () => {
    const owner = await liveProcess();
    try {
      writeFileSync(lockFile(), `${owner.pid}\n`);
      let refusal: unknown;
      try {
        lockDataDirectory(directory);
      } catch (error) {
        refusal = error;
      }
      expect(refusal).toBeInstanceOf(DirectoryInUseError);
      expect(refusal).toMatchObject({ lockFile: lockFile(), owner: owner.pid });
      const message = (refusal as Error).message;
      for (const part of [directory, String(owner.pid), 'COC_DATA_DIR', 'CLICKHOUSE_URL'])
        expect(message).toContain(part);
      expect(readFileSync(lockFile(), 'utf8').trim()).toBe(String(owner.pid));
    } finally {
      await ended(owner);
    }
  });

  it('takes over the lock of a process that died without giving it back (SIGKILL)', async () => {
    const dead = await ended(await liveProcess());
    writeFileSync(lockFile(), `${dead}\n`);
    const release = lockDataDirectory(directory);
    expect(readFileSync(lockFile(), 'utf8').trim()).toBe(String(process.pid));
    release();
  });

  it("takes over a lock naming this very pid (a restarted container's pid 1) and an unreadable one", () => {
    writeFileSync(lockFile(), `${process.pid}\n`);
    lockDataDirectory(directory)();
    writeFileSync(lockFile(), '');
    lockDataDirectory(directory)();
    expect(existsSync(lockFile())).toBe(false);
  });

  it("never removes another process's lock on release", async () => {
    const owner = await liveProcess();
    try {
      const release = lockDataDirectory(directory);
      writeFileSync(lockFile(), `${owner.pid}\n`);
      release();
      expect(readFileSync(lockFile(), 'utf8').trim()).toBe(String(owner.pid));
    } finally {
      await ended(owner);
    }
  });
});
