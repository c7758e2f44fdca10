import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The file that names the process owning a data directory. */
export const LOCK_FILE = 'coc-stream.lock';

export class DataDirectoryInUseError extends Error {
  constructor(
    readonly directory: string,
    readonly owner: number,
  ) {
    super(
      `the data directory ${directory} is in use by process ${owner}: the embedded analytics store ` +
        'admits one process per directory. Stop that process, run ingest, coc-gateway and ioc-sync in one ' +
        'process (coc-embedded), give this process its own COC_DATA_DIR, or set CLICKHOUSE_URL to share a ' +
        `ClickHouse server. If process ${owner} is not COC Stream, delete ${join(directory, LOCK_FILE)}.`,
    );
    this.name = 'DataDirectoryInUseError';
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function ownerOf(path: string): number | undefined {
  try {
    const pid = Number(readFileSync(path, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function removeIfOwnedBy(path: string, pid: number | undefined): void {
  if (ownerOf(path) !== pid) return;
  try {
    unlinkSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/**
 * Takes `directory` for this process, or throws DataDirectoryInUseError naming the live process
 * that holds it. A lock left by a process that died (SIGKILL, power loss) is taken over, so a
 * restart needs no cleaning up; so is one naming this very pid (a container restarted as pid 1).
 * Returns the release.
 */
export function lockDataDirectory(directory: string): () => void {
  const path = join(directory, LOCK_FILE);
  for (;;) {
    try {
      writeFileSync(path, `${process.pid}\n`, { flag: 'wx' });
      return () => removeIfOwnedBy(path, process.pid);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = ownerOf(path);
    if (owner !== undefined && owner !== process.pid && isAlive(owner))
      throw new DataDirectoryInUseError(directory, owner);
    // Stale: removed only if still the same owner, so two processes taking it over cannot both win.
    removeIfOwnedBy(path, owner);
  }
}
