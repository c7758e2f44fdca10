import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { ask, exited, forkTs } from './ts-child';

interface Collected {
  times: (number | null)[];
  lastDelta: number;
  withSparklines: number;
}

/** Wall-screen sockets spread over child processes, so the measuring process is not their bottleneck. */
export class ScreenClientPool {
  private constructor(private readonly children: ChildProcess[]) {}

  static start(processes: number): ScreenClientPool {
    return new ScreenClientPool(
      Array.from({ length: processes }, () => forkTs(join(__dirname, 'screen-clients.ts'))),
    );
  }

  /** One socket per unit code (repeat a code for several screens of one unit), all subscribed. */
  async connect(url: string, token: string, units: readonly string[]): Promise<number> {
    const shares = this.children.map((_, i) => units.filter((__, j) => j % this.children.length === i));
    const answers = await Promise.all(
      this.children.map((child, i) =>
        ask<{ count: number }>(child, { type: 'connect', url, token, units: shares[i] }, 'connected'),
      ),
    );
    return answers.reduce((sum, a) => sum + a.count, 0);
  }

  /** Per socket, when it first received a delta at or after `since` (null: none yet). */
  async firstDeltasSince(since: number): Promise<(number | null)[]> {
    const answers = await this.collect(since);
    return answers.flatMap((a) => a.times);
  }

  /** When the last delta arrived on any socket (0: none yet). */
  async lastDelta(): Promise<number> {
    const answers = await this.collect(0);
    return Math.max(...answers.map((a) => a.lastDelta));
  }

  /** Sockets whose sparklines have arrived. */
  async withSparklines(): Promise<number> {
    const answers = await this.collect(0);
    return answers.reduce((sum, a) => sum + a.withSparklines, 0);
  }

  async close(): Promise<void> {
    await Promise.all(
      this.children.map(async (child) => {
        if (child.connected) await ask(child, { type: 'close' }, 'closed', 30_000).catch(() => child.kill());
        await exited(child);
      }),
    );
  }

  private collect(since: number): Promise<Collected[]> {
    return Promise.all(this.children.map((c) => ask<Collected>(c, { type: 'collect', since }, 'collected')));
  }
}
