import type { SyncBatch, SyncCursor } from '../domain/sync-batch';
import { loadEnv } from '@libs/platform';
import { IocSyncEnv } from '../ioc-sync.env';
import type { Outbox } from '../outbox/outbox.port';
import { DeliveryService } from './delivery.service';
import { LinkFailedError, type Upstream } from './upstream.port';

/** A receiver behind two links, either of which the test can cut. */
class FakeUpstream implements Upstream {
  bytesSent = 0;
  applied = 0;
  readonly down = new Set<string>();
  readonly calls: string[] = [];
  readonly deliveries: [number, number][] = [];

  private reach(link: string): void {
    this.calls.push(link);
    if (this.down.has(link)) throw new LinkFailedError(`${link}: fetch failed`);
  }

  cursor(link: string, origin: string): Promise<SyncCursor> {
    this.reach(link);
    return Promise.resolve({ origin, appliedThrough: this.applied });
  }

  deliver(link: string, batch: SyncBatch): Promise<SyncCursor> {
    this.reach(link);
    if ((batch.firstSeq ?? batch.seq) <= this.applied + 1 && batch.seq > this.applied)
      this.applied = batch.seq;
    this.deliveries.push([batch.firstSeq ?? batch.seq, batch.seq]);
    return Promise.resolve({ origin: batch.origin, appliedThrough: this.applied });
  }
}

/** Batch n was written at 1000 + 10 n; a delivery merges up to `merge` batches. */
function outboxOf(lastSeq: number | (() => number), merge = 1): Outbox {
  const last = typeof lastSeq === 'number' ? () => lastSeq : lastSeq;
  return {
    lastSeq: () => Promise.resolve({ seq: last(), createdAt: 1000 + 10 * last() }),
    createdAt: (seq: number) => Promise.resolve(1000 + 10 * seq),
    lastBatchWithin: (from: number) => Promise.resolve(Math.min(last(), from + merge - 1)),
    read: ({ from, to }: { from: number; to: number }, origin: string) =>
      Promise.resolve({ origin, firstSeq: from, seq: to, createdAt: 0, events: [], marks: [] }),
  } as unknown as Outbox;
}

const env = loadEnv(IocSyncEnv, {
  IOC_SYNC_UNIT_CODE: '26734',
  IOC_SYNC_UPSTREAM_URLS: 'http://link-1,http://link-2',
});

async function drain(delivery: DeliveryService): Promise<string[]> {
  const outcomes: string[] = [];
  for (let i = 0; i < 20; i++) {
    const outcome = await delivery.deliverOnce();
    outcomes.push(outcome);
    if (outcome === 'idle') break;
  }
  return outcomes;
}

describe('DeliveryService', () => {
  it('sends every batch in order from the receiver’s cursor', async () => {
    const upstream = new FakeUpstream();
    upstream.applied = 2;
    const delivery = new DeliveryService(outboxOf(5), upstream, env);
    expect(await drain(delivery)).toEqual(['again', 'again', 'idle']);
    expect(upstream.applied).toBe(5);
    expect(delivery.status()).toMatchObject({ appliedThrough: 5, lastSeq: 5 });
  });

  it('sends a backlog as merged runs of batches', async () => {
    const upstream = new FakeUpstream();
    upstream.applied = 2;
    const delivery = new DeliveryService(outboxOf(9, 3), upstream, env);
    expect(await drain(delivery)).toEqual(['again', 'again', 'idle']);
    expect(upstream.deliveries).toEqual([
      [3, 5],
      [6, 8],
      [9, 9],
    ]);
  });

  it('switches to the second link when the first fails, and backs off only when both do', async () => {
    const upstream = new FakeUpstream();
    const delivery = new DeliveryService(outboxOf(3), upstream, env);
    upstream.down.add('http://link-1');
    expect(await drain(delivery)).toEqual(['again', 'again', 'again', 'idle']);
    expect(upstream.applied).toBe(3);
    expect(delivery.status().links.map((l) => [l.url, l.active, l.failures])).toEqual([
      ['http://link-1', false, 1],
      ['http://link-2', true, 0],
    ]);
    upstream.down.add('http://link-2');
    const cut = new DeliveryService(outboxOf(4), upstream, env);
    expect(await cut.deliverOnce()).toBe('again');
    expect(await cut.deliverOnce()).toBe('back_off');
    upstream.down.clear();
    expect(await drain(cut)).toEqual(['idle']);
    expect(upstream.applied).toBe(4);
  });

  it('reports how many batches the upstream lacks and how old the oldest is, through an outage', async () => {
    const upstream = new FakeUpstream();
    let lastSeq = 3;
    const delivery = new DeliveryService(
      outboxOf(() => lastSeq),
      upstream,
      env,
    );
    expect(await delivery.progress()).toBeUndefined();
    await drain(delivery);
    expect(await delivery.progress(new Date(2_000_000))).toEqual({ pendingBatches: 0, lagSeconds: 0 });
    upstream.down.add('http://link-1').add('http://link-2');
    lastSeq = 6;
    expect(await drain(delivery)).toContain('back_off');
    // Batch 4, the oldest the upstream lacks, was written at 1040.
    expect(await delivery.progress(new Date(1100_000))).toEqual({ pendingBatches: 3, lagSeconds: 60 });
    expect(delivery.status().links.map((l) => l.lastRequestOk)).toEqual([false, false]);
    upstream.down.clear();
    await drain(delivery);
    expect(await delivery.progress(new Date(1100_000))).toEqual({ pendingBatches: 0, lagSeconds: 0 });
    expect(delivery.status().links.some((l) => l.lastRequestOk)).toBe(true);
  });

  it('refuses to send when the receiver has applied more than this outbox holds', async () => {
    const upstream = new FakeUpstream();
    upstream.applied = 9;
    const delivery = new DeliveryService(outboxOf(3), upstream, env);
    await expect(delivery.deliverOnce()).rejects.toThrow('was this database replaced');
  });

  it('does nothing without upstream links (the top level)', async () => {
    const top = loadEnv(IocSyncEnv, { IOC_SYNC_UNIT_CODE: '25', IOC_SYNC_ROLE: 'province' });
    const delivery = new DeliveryService(outboxOf(3), new FakeUpstream(), top);
    expect(await delivery.deliverOnce()).toBe('idle');
    expect(delivery.status().links).toEqual([]);
  });
});
