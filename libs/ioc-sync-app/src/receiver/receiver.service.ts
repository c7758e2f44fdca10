import { BadRequestException, Inject, Injectable, Logger } from '@nestjs/common';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import type { Gauge } from 'prom-client';
import { METRIC } from '@libs/observability';
import { decideApply, type ApplyDecision } from '../domain/apply-decision';
import type { SyncBatch, SyncCursor } from '../domain/sync-batch';
import {
  CHANGE_NOTICES,
  RECEIVER_STORE,
  type ChangeNotices,
  type ReceiverStore,
} from './receiver-store.port';

export interface ReceiveResult extends SyncCursor {
  decision: ApplyDecision;
}

/** Applies children's batches exactly once and in order, one origin at a time. */
@Injectable()
export class ReceiverService {
  private readonly logger = new Logger(ReceiverService.name);
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(
    @Inject(RECEIVER_STORE) private readonly store: ReceiverStore,
    @Inject(CHANGE_NOTICES) private readonly notices: ChangeNotices,
    @InjectMetric(METRIC.syncLagSeconds.name) private readonly lag: Gauge,
  ) {}

  async cursor(origin: string): Promise<SyncCursor> {
    return { origin, appliedThrough: await this.store.appliedThrough(origin) };
  }

  receive(batch: SyncBatch, now: Date = new Date()): Promise<ReceiveResult> {
    if (batch.firstSeq !== undefined && batch.firstSeq > batch.seq) {
      throw new BadRequestException(`firstSeq ${batch.firstSeq} is after seq ${batch.seq}`);
    }
    const wrong = batch.events.find((e) => !e.type.startsWith(`${e.source}.`));
    if (wrong) {
      this.logger.warn({
        msg: `refused ${batches(batch)} of ${batch.origin}: event ${wrong.eventId} of type ${wrong.type} is not of source ${wrong.source}`,
        origin: batch.origin,
        eventId: wrong.eventId,
        unitCode: wrong.unitCode,
      });
      throw new BadRequestException(
        `event ${wrong.eventId}: type ${wrong.type} is not of source ${wrong.source}`,
      );
    }
    // Two links may deliver the same origin's batches at once (a retry on the second link while the
    // first request is still in flight): one at a time, so the sequence check stays exact.
    const previous = this.queues.get(batch.origin) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(() => this.applyInOrder(batch, now));
    this.queues.set(batch.origin, next);
    return next;
  }

  private async applyInOrder(batch: SyncBatch, now: Date): Promise<ReceiveResult> {
    const applied = await this.store.appliedThrough(batch.origin);
    const decision = decideApply(applied, batch.seq, batch.firstSeq);
    if (decision !== 'apply') return { origin: batch.origin, appliedThrough: applied, decision };
    const receivedAt = Math.floor(now.getTime() / 1000);
    await this.store.apply(batch, receivedAt);
    this.lag.set({ child: batch.origin }, Math.max(0, receivedAt - batch.createdAt));
    this.logger.log({
      msg: `applied ${batches(batch)} of ${batch.origin}: ${batch.events.length} events, ${batch.marks.length} watermarks`,
      origin: batch.origin,
      firstSeq: batch.firstSeq ?? batch.seq,
      seq: batch.seq,
      events: batch.events.length,
      // Which events arrived, by id and unit, so one can be traced from the commune's logs to here.
      eventIds: batch.events.map((e) => e.eventId),
      unitCodes: [...new Set(batch.events.map((e) => e.unitCode))],
    });
    await this.notices.announce(batch, receivedAt);
    return { origin: batch.origin, appliedThrough: batch.seq, decision };
  }
}

const batches = (b: SyncBatch) =>
  b.firstSeq === undefined || b.firstSeq === b.seq ? `batch ${b.seq}` : `batches ${b.firstSeq}-${b.seq}`;
