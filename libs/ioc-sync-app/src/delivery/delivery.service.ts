import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { LinkRotation, type LinkStatus } from '../domain/link-rotation';
import type { LoopVerdict } from '../domain/loop-progress';
import { IocSyncEnv } from '../ioc-sync.env';
import { OUTBOX, type Outbox } from '../outbox/outbox.port';
import { loopOptionsOf, SyncLoop, type StepOutcome } from '../sync-loop';
import { LinkFailedError, UPSTREAM, type Upstream } from './upstream.port';

export interface DeliveryStatus {
  origin: string;
  /** The receiver's cursor as last heard; null until it answered since start-up or a link switch. */
  appliedThrough: number | null;
  lastSeq: number;
  /** Compressed batch bytes sent upstream since start-up. */
  bytesSent: number;
  links: LinkStatus[];
}

/** How far the upstream trails this outbox, as last heard from it. */
export interface DeliveryProgress {
  /** Outbox batches the upstream has not applied. */
  pendingBatches: number;
  /** Age of the oldest of them (0 when none): how stale the upstream's copy of this level is. */
  lagSeconds: number;
}

/**
 * Sends the outbox upstream in sequence order over the first working link. Nothing about delivery
 * is kept locally: the receiver's cursor says where to resume, after a crash, an outage or a switch.
 */
@Injectable()
export class DeliveryService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DeliveryService.name);
  private readonly loop?: SyncLoop;
  private readonly links?: LinkRotation;
  private appliedThrough?: number;
  /** The upstream's cursor as last heard, kept across link failures (unlike appliedThrough). */
  private acknowledged?: number;
  private lastSeq = 0;

  constructor(
    @Inject(OUTBOX) private readonly outbox: Outbox,
    @Inject(UPSTREAM) private readonly upstream: Upstream,
    private readonly env: IocSyncEnv,
  ) {
    if (env.IOC_SYNC_UPSTREAM_URLS.length === 0) return;
    this.links = new LinkRotation(env.IOC_SYNC_UPSTREAM_URLS);
    this.loop = new SyncLoop('delivery', () => this.deliverOnce(), loopOptionsOf(env), this.logger);
  }

  onApplicationBootstrap(): void {
    this.loop?.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.loop?.stop();
  }

  /** Undefined at a level without an upstream: there is no delivery loop. */
  verdict(): LoopVerdict | undefined {
    return this.loop?.verdict();
  }

  status(): DeliveryStatus {
    return {
      origin: this.env.IOC_SYNC_UNIT_CODE,
      appliedThrough: this.appliedThrough ?? null,
      lastSeq: this.lastSeq,
      bytesSent: this.upstream.bytesSent,
      links: this.links?.status() ?? [],
    };
  }

  /** Undefined until the upstream answered once since start-up (then the parent's watermark age tells). */
  async progress(now: Date = new Date()): Promise<DeliveryProgress | undefined> {
    if (this.acknowledged === undefined) return undefined;
    const { seq } = await this.outbox.lastSeq();
    const pendingBatches = Math.max(0, seq - this.acknowledged);
    if (pendingBatches === 0) return { pendingBatches, lagSeconds: 0 };
    const oldest = await this.outbox.createdAt(this.acknowledged + 1);
    return { pendingBatches, lagSeconds: Math.max(0, Math.floor(now.getTime() / 1000) - oldest) };
  }

  /** Delivers at most one batch; 'again' while the receiver is behind. */
  async deliverOnce(now: () => Date = () => new Date()): Promise<StepOutcome> {
    const links = this.links;
    if (!links) return 'idle';
    const origin = this.env.IOC_SYNC_UNIT_CODE;
    try {
      if (this.appliedThrough === undefined) {
        this.appliedThrough = (await this.upstream.cursor(links.url, origin)).appliedThrough;
        this.acknowledged = this.appliedThrough;
        links.succeeded(now());
      }
      this.lastSeq = (await this.outbox.lastSeq()).seq;
      if (this.appliedThrough > this.lastSeq) {
        throw new Error(
          `the upstream has applied ${this.appliedThrough} batches of ${origin} but this outbox holds ${this.lastSeq}: ` +
            'was this database replaced? Refusing to send until an operator resolves it',
        );
      }
      if (this.appliedThrough === this.lastSeq) return 'idle';
      // A backlog (after an outage) goes as merged runs of batches: few requests, not one per batch.
      const from = this.appliedThrough + 1;
      const to = await this.outbox.lastBatchWithin(from, this.env.IOC_SYNC_BATCH_MAX_EVENTS);
      const batch = await this.outbox.read({ from, to }, origin);
      this.appliedThrough = (await this.upstream.deliver(links.url, batch)).appliedThrough;
      this.acknowledged = this.appliedThrough;
      links.succeeded(now());
      return this.appliedThrough < this.lastSeq ? 'again' : 'idle';
    } catch (error) {
      if (!(error instanceof LinkFailedError)) throw error;
      const from = links.url;
      const roundFailed = links.failed(now(), error.message);
      // The other link may lead to another receiver process: ask it where to resume.
      this.appliedThrough = undefined;
      this.logger.warn({
        msg: `link ${from} failed (${error.message}); switching to ${links.url}`,
        unitCode: origin,
        link: from,
        next: links.url,
      });
      return roundFailed ? 'back_off' : 'again';
    }
  }
}
