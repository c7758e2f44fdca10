import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomically } from './durable-files';

interface OffsetsFile {
  version: 1;
  /** Per topic, the next offset the group reads. */
  offsets: Record<string, number>;
}

/**
 * A consumer group's committed offsets, one small file per group, replaced atomically (temporary
 * file, fsync, rename, directory fsync) at every commit, so a crash leaves the last commit intact.
 */
export class GroupOffsets {
  private chain: Promise<void> = Promise.resolve();

  private constructor(
    private readonly path: string,
    private readonly offsets: Map<string, number>,
  ) {}

  static async load(directory: string, groupId: string): Promise<GroupOffsets> {
    await mkdir(directory, { recursive: true });
    const path = join(directory, `${encodeURIComponent(groupId)}.json`);
    let saved: OffsetsFile | undefined;
    try {
      saved = JSON.parse(await readFile(path, 'utf8')) as OffsetsFile;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        throw new Error(`cannot read the committed offsets of group ${groupId} in ${path}: ${String(error)}`);
      }
    }
    return new GroupOffsets(path, new Map(Object.entries(saved?.offsets ?? {})));
  }

  /** The next offset to read in `topic`, undefined before the group's first commit there. */
  committed(topic: string): number | undefined {
    return this.offsets.get(topic);
  }

  /** Commits are written one after another, each with every topic's latest offset. */
  commit(topic: string, next: number): Promise<void> {
    const write = this.chain.then(async () => {
      const file: OffsetsFile = {
        version: 1,
        offsets: { ...Object.fromEntries(this.offsets), [topic]: next },
      };
      await writeFileAtomically(this.path, `${JSON.stringify(file)}\n`);
      this.offsets.set(topic, next);
    });
    // The caller gets the failure; the next commit still runs after this one.
    this.chain = write.catch(() => undefined);
    return write;
  }
}
