import type { AccessAuditV1 } from '@libs/contracts';

export interface AuditBufferOptions {
  /** Most entries in one produce request. */
  batchMax: number;
  /** Most entries held; past it an entry is lost (counted and logged), so memory stays bounded. */
  bufferMax: number;
}

/** What the buffer tells its owner (metrics and logs); it never decides to forget anything itself. */
export interface AuditBufferEvents {
  produced(count: number): void;
  failed(error: unknown): void;
  lost(count: number, reason: 'overflow' | 'shutdown'): void;
  size(count: number): void;
}

/**
 * The batching core of the audit trail: entries wait here until a batch is acknowledged, in the
 * order they came. A failed send keeps its batch at the head for the next flush (never dropped),
 * and the error goes to the caller. Reads are refused once the buffer is nine-tenths full, so the
 * last tenth holds the refusals and the calls in flight while Kafka is away.
 */
export class AuditBuffer {
  private entries: AccessAuditV1[] = [];
  private sending?: Promise<void>;

  constructor(
    private readonly send: (batch: readonly AccessAuditV1[]) => Promise<void>,
    private readonly options: AuditBufferOptions,
    private readonly events: AuditBufferEvents,
  ) {}

  get length(): number {
    return this.entries.length;
  }

  accepting(): boolean {
    return this.entries.length < this.options.bufferMax - Math.ceil(this.options.bufferMax / 10);
  }

  /** True when a full batch waits, for the owner to flush without waiting for its timer. */
  add(entry: AccessAuditV1): boolean {
    if (this.entries.length >= this.options.bufferMax) {
      this.events.lost(1, 'overflow');
      return false;
    }
    this.entries.push(entry);
    this.events.size(this.entries.length);
    return this.entries.length >= this.options.batchMax;
  }

  /** Sends everything buffered, batch by batch; one flush at a time (a second caller joins the first). */
  flush(): Promise<void> {
    this.sending ??= this.drain().finally(() => {
      this.sending = undefined;
    });
    return this.sending;
  }

  /** Gives up what is still buffered (at the end of shutdown), telling how much. */
  abandon(): void {
    if (this.entries.length > 0) this.events.lost(this.entries.length, 'shutdown');
    this.entries = [];
    this.events.size(0);
  }

  private async drain(): Promise<void> {
    while (this.entries.length > 0) {
      const batch = this.entries.slice(0, this.options.batchMax);
      try {
        await this.send(batch);
      } catch (error) {
        this.events.failed(error);
        throw error;
      }
      this.entries = this.entries.slice(batch.length);
      this.events.produced(batch.length);
      this.events.size(this.entries.length);
    }
  }
}
