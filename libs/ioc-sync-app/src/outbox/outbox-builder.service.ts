import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { LoopVerdict } from '../domain/loop-progress';
import { memberRowsOf, splitByMembers } from '../domain/member-readiness';
import { watermarksOf } from '../domain/watermarks';
import { IocSyncEnv } from '../ioc-sync.env';
import { loopOptionsOf, SyncLoop, type StepOutcome } from '../sync-loop';
import { OUTBOX, type ArrivalCursor, type Outbox, type StoredEvent } from './outbox.port';

/**
 * Takes newly stored events into the outbox as numbered batches. Every level keeps an outbox, with
 * or without an upstream: it is also the change log the pull API's cursor walks.
 */
@Injectable()
export class OutboxBuilder implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxBuilder.name);
  private readonly loop: SyncLoop;
  /** Events stored since this instant (unix s) are looked at; 0: a full sweep. */
  private storedSince = 0;
  private nextFullSweep = 0;
  /**
   * A scan that found more than a batch goes on from its last candidate, so each page reads only what
   * follows; the events it left waiting for their member rows bound the next look back.
   */
  private catchUp?: { after: ArrivalCursor; waiting: StoredEvent[] };

  constructor(
    @Inject(OUTBOX) private readonly outbox: Outbox,
    private readonly env: IocSyncEnv,
  ) {
    this.loop = new SyncLoop('outbox', () => this.buildOnce(), loopOptionsOf(env), this.logger);
  }

  onApplicationBootstrap(): void {
    this.loop.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.loop.stop();
  }

  verdict(): LoopVerdict {
    return this.loop.verdict();
  }

  /** Appends at most one batch; 'again' when more events may follow. */
  async buildOnce(now: Date = new Date()): Promise<StepOutcome> {
    const snapshot = Math.floor(now.getTime() / 1000);
    const fullSweep = now.getTime() >= this.nextFullSweep;
    const since = fullSweep ? 0 : this.storedSince;
    // Read before the events are chosen: their events were stored before them, so they are in the batch.
    const received = await this.outbox.receivedMarks();
    const limit = this.env.IOC_SYNC_BATCH_MAX_EVENTS;
    const candidates = await this.outbox.pendingEvents(since, limit, this.catchUp?.after);
    const complete = candidates.length < limit;
    const expected = memberRowsOf(candidates);
    const stored = expected.length > 0 ? await this.outbox.storedMembers(expected) : [];
    const split = splitByMembers(candidates, expected, stored);
    const pending = split.ready;
    const waiting = [...(this.catchUp?.waiting ?? []), ...split.waiting];
    const last = await this.outbox.lastSeq();
    const markDue = snapshot - last.createdAt >= this.env.IOC_SYNC_MARK_INTERVAL_MS / 1000;
    if (pending.length > 0 || markDue) {
      // Only a commune COC ingests feeds itself; upper levels vouch for what their children vouched for.
      const ingests = this.env.IOC_SYNC_ROLE === 'commune';
      const marks = watermarksOf({
        stored: complete && ingests ? await this.outbox.storedFeeds() : [],
        received,
        ownCounts:
          complete && ingests ? await this.outbox.ownCounts(snapshot, this.env.IOC_SYNC_UNIT_CODE) : [],
        snapshot,
        complete,
        waiting,
      });
      if (pending.length > 0 || marks.length > 0) {
        await this.outbox.append(last.seq + 1, snapshot, pending, marks);
      }
    }
    if (!complete) {
      this.catchUp = { after: candidates[candidates.length - 1], waiting };
      return 'again';
    }
    this.catchUp = undefined;
    // The next look goes back at least to the first event still waiting for its member rows.
    const rescanFrom = Math.min(
      snapshot - Math.floor(this.env.IOC_SYNC_RESCAN_MARGIN_MS / 1000),
      ...waiting.map((e) => e.storedAt),
    );
    this.storedSince = Math.max(0, rescanFrom);
    if (fullSweep) this.nextFullSweep = now.getTime() + this.env.IOC_SYNC_FULL_SWEEP_MS;
    return 'idle';
  }
}
