import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';

export class DirectoryInUseError extends Error {
  constructor(
    readonly lockFile: string,
    readonly owner: number,
    hint: string,
  ) {
    super(
      `${lockFile} is held by process ${owner}, which is still running: ${hint} ` +
        `If process ${owner} is not COC Stream, delete ${lockFile}.`,
    );
    this.name = 'DirectoryInUseError';
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

function ownerOf(lockFile: string): number | undefined {
  try {
    const pid = Number(readFileSync(lockFile, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function removeIfOwnedBy(lockFile: string, pid: number | undefined): void {
  if (ownerOf(lockFile) !== pid) return;
  try {
    unlinkSync(lockFile);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/**
 * Takes `lockFile` (the pid of its holder) for this process, or throws DirectoryInUseError naming
 * the live process that holds it, with `hint` saying what to do. A lock left by a process that died
 * (SIGKILL, power loss) is taken over, so a restart needs no cleaning up; so is one naming this very
 * pid (a container restarted as pid 1). Returns the release.
 */
export function lockDirectory(lockFile: string, hint: string): () => void {
  for (;;) {
    try {
      writeFileSync(lockFile, `${process.pid}\n`, { flag: 'wx' });
      return () => removeIfOwnedBy(lockFile, process.pid);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = ownerOf(lockFile);
    if (owner !== undefined && owner !== process.pid && isAlive(owner))
      throw new DirectoryInUseError(lockFile, owner, hint);
    // Stale: removed only if still the same owner, so two processes taking it over cannot both win.
    removeIfOwnedBy(lockFile, owner);
  }
}
