import type { KpiInputRow } from '@libs/kpi';
import { loadEnv } from '@libs/platform';
import { memberKeyOf, memberRowsOf } from '../domain/member-readiness';
import type { SyncMark } from '../domain/sync-batch';
import { IocSyncEnv } from '../ioc-sync.env';
import { OutboxBuilder } from './outbox-builder.service';
import type { ArrivalCursor, Outbox, PendingEvent, StoredEvent } from './outbox.port';

/** An outbox over an in-memory store of events and member rows, recording the batches appended. */
class FakeOutbox implements Partial<Outbox> {
  stored: StoredEvent[] = [];
  members: KpiInputRow[] = [];
  batches: { seq: number; createdAt: number; events: PendingEvent[]; marks: SyncMark[] }[] = [];
  received: SyncMark[] = [];
  readonly sinceAsked: number[] = [];
  readonly afterAsked: (string | undefined)[] = [];

  lastSeq() {
    const last = this.batches.at(-1);
    return Promise.resolve({ seq: last?.seq ?? 0, createdAt: last?.createdAt ?? 0 });
  }
  /** `stored` is in storing order. */
  pendingEvents(storedSince: number, limit: number, after?: ArrivalCursor) {
    this.sinceAsked.push(storedSince);
    this.afterAsked.push(after?.eventId);
    const sent = new Set(this.batches.flatMap((b) => b.events.map((e) => e.eventId)));
    const from = after ? this.stored.findIndex((e) => e.eventId === after.eventId) + 1 : 0;
    return Promise.resolve(
      this.stored
        .slice(from)
        .filter((e) => e.storedAt >= storedSince && !sent.has(e.eventId))
        .slice(0, limit),
    );
  }
  storedMembers(rows: readonly KpiInputRow[]) {
    const present = new Set(this.members.map(memberKeyOf));
    return Promise.resolve(rows.filter((r) => present.has(memberKeyOf(r))));
  }
  storedFeeds() {
    return Promise.resolve(
      [...new Set(this.stored.map((e) => e.source))].map((source) => ({ unitCode: '26734', source })),
    );
  }
  receivedMarks() {
    return Promise.resolve(this.received);
  }
  ownCounts() {
    return Promise.resolve([]);
  }
  append(seq: number, createdAt: number, events: readonly PendingEvent[], marks: readonly SyncMark[]) {
    this.batches.push({ seq, createdAt, events: [...events], marks: [...marks] });
    return Promise.resolve();
  }
}

const T0 = new Date('2026-11-23T08:00:00Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
/** A stored event of a type no KPI input takes: it has no member rows to wait for. */
const event = (id: string, storedAtSeconds: number, type = 'onestop.test.unused'): StoredEvent => ({
  source: 'onestop',
  eventId: id,
  type,
  unitCode: '26734',
  occurredAt: Math.floor(T0.getTime() / 1000) - 100,
  storedAt: Math.floor(T0.getTime() / 1000) + storedAtSeconds,
  payload: '{}',
});
/** A report owed on the 18th: it has member rows, placed on its due day. */
const reportDue = (id: string, storedAtSeconds: number): StoredEvent => ({
  ...event(id, storedAtSeconds, 'reporting.report.due'),
  source: 'reporting',
  payload: JSON.stringify({
    reportId: id,
    regimeCode: 'KTXH-THANG',
    period: '2026-10',
    dueAt: '2026-11-18T17:00:00+07:00',
  }),
});
const idsOf = (batch: { events: PendingEvent[] }) => batch.events.map((e) => e.eventId);

function builderOf(outbox: FakeOutbox, vars: Record<string, string> = {}) {
  const env = loadEnv(IocSyncEnv, {
    IOC_SYNC_UNIT_CODE: '26734',
    IOC_SYNC_BATCH_MAX_EVENTS: '2',
    IOC_SYNC_MARK_INTERVAL_MS: '30000',
    IOC_SYNC_RESCAN_MARGIN_MS: '60000',
    ...vars,
  });
  return new OutboxBuilder(outbox as unknown as Outbox, env);
}

describe('OutboxBuilder', () => {
  it('numbers batches from 1, cuts them at the size limit and vouches only in the batch that completes', async () => {
    const outbox = new FakeOutbox();
    outbox.stored = [event('e1', -5), event('e2', -4), event('e3', -3)];
    const builder = builderOf(outbox);
    expect(await builder.buildOnce(at(0))).toBe('again');
    expect(await builder.buildOnce(at(1))).toBe('idle');
    expect(outbox.batches.map((b) => [b.seq, b.events.map((e) => e.eventId), b.marks.length])).toEqual([
      [1, ['e1', 'e2'], 0],
      [2, ['e3'], 1],
    ]);
    expect(outbox.batches[1].marks[0]).toMatchObject({
      unitCode: '26734',
      source: 'onestop',
      completeThrough: Math.floor(at(1).getTime() / 1000),
    });
  });

  it('looks only at recently stored events after the first full sweep, and records an idle watermark now and then', async () => {
    const outbox = new FakeOutbox();
    outbox.stored = [event('e1', -5)];
    const builder = builderOf(outbox);
    expect(await builder.buildOnce(at(0))).toBe('idle');
    expect(outbox.batches).toHaveLength(1);
    expect(await builder.buildOnce(at(10))).toBe('idle');
    expect(outbox.batches).toHaveLength(1);
    expect(await builder.buildOnce(at(31))).toBe('idle');
    expect(outbox.batches.map((b) => [b.seq, b.events.length, b.marks.length])).toEqual([
      [1, 1, 1],
      [2, 0, 1],
    ]);
    const t0 = Math.floor(T0.getTime() / 1000);
    expect(outbox.sinceAsked).toEqual([0, t0 - 60, t0 + 10 - 60]);
  });

  it('at an upper level passes on only what its children vouched for', async () => {
    const outbox = new FakeOutbox();
    outbox.stored = [event('e1', -5)];
    outbox.received = [
      { unitCode: '26734', source: 'onestop', completeThrough: 42, rejected: 0, accepted: 1 },
    ];
    await builderOf(outbox, { IOC_SYNC_ROLE: 'province', IOC_SYNC_UNIT_CODE: '25' }).buildOnce(at(0));
    expect(outbox.batches[0].marks).toEqual(outbox.received);
  });

  it('leaves out an event until all its member rows are stored, holding back its feed’s watermark and the next look', async () => {
    const outbox = new FakeOutbox();
    const due = reportDue('due-1', -5);
    outbox.stored = [event('e1', -4), due];
    expect(memberRowsOf([due])).not.toHaveLength(0);
    const builder = builderOf(outbox, { IOC_SYNC_BATCH_MAX_EVENTS: '10' });
    expect(await builder.buildOnce(at(0))).toBe('idle');
    expect(outbox.batches.map(idsOf)).toEqual([['e1']]);
    expect(outbox.batches[0].marks.find((m) => m.source === 'reporting')).toMatchObject({
      completeThrough: due.storedAt - 1,
    });
    expect(outbox.batches[0].marks.find((m) => m.source === 'onestop')).toMatchObject({
      completeThrough: Math.floor(at(0).getTime() / 1000),
    });

    // Still waiting past the rescan margin: the next look still goes back to it.
    expect(await builder.buildOnce(at(120))).toBe('idle');
    outbox.members = memberRowsOf([due]);
    expect(await builder.buildOnce(at(240))).toBe('idle');
    expect(outbox.sinceAsked.at(-1)).toBe(due.storedAt);
    expect(outbox.batches.map(idsOf)).toEqual([['e1'], [], ['due-1']]);
  });

  it('goes on from the last candidate while catching up, still holding back what an earlier page left waiting', async () => {
    const outbox = new FakeOutbox();
    // Stored long before the rescan margin: only the carried waiting event brings the next look back to it.
    const due = reportDue('due-1', -600);
    outbox.stored = [due, event('e1', -5), event('e2', -4), event('e3', -3), event('e4', -2)];
    const builder = builderOf(outbox);
    expect(await builder.buildOnce(at(0))).toBe('again');
    expect(await builder.buildOnce(at(1))).toBe('again');
    expect(await builder.buildOnce(at(2))).toBe('idle');
    expect(outbox.afterAsked).toEqual([undefined, 'e1', 'e3']);
    expect(outbox.batches.map(idsOf)).toEqual([['e1'], ['e2', 'e3'], ['e4']]);
    expect(outbox.batches[2].marks.find((m) => m.source === 'reporting')).toMatchObject({
      completeThrough: due.storedAt - 1,
    });

    outbox.members = memberRowsOf([due]);
    expect(await builder.buildOnce(at(120))).toBe('idle');
    expect(outbox.sinceAsked.at(-1)).toBe(due.storedAt);
    expect(outbox.batches.map(idsOf).at(-1)).toEqual(['due-1']);
  });
});
