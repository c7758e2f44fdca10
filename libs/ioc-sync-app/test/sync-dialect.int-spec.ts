import type { ClickHouseConnection } from '@libs/clickhouse';
import {
  KPI_SCENARIOS,
  closeEngine,
  migrateEngine,
  openEmbeddedEngine,
  openServerEngine,
  type EngineUnderTest,
} from '@libs/testing';
import type { SyncBatch, SyncMark } from '../src/domain/sync-batch';
import { ClickHouseOutbox } from '../src/outbox/clickhouse-outbox';
import { ClickHouseLevelReader } from '../src/pull/clickhouse-level-reader';
import { ClickHouseReceiverStore } from '../src/receiver/clickhouse-receiver-store';

/**
 * The dialect test of the sync SQL: a child's batch received (twice), this level's outbox built
 * from it and read back, and the pull API's changes and feed activity, on the ClickHouse 18.16
 * server and on chDB from the same batch: the same answers.
 */
const ORIGIN = '26734';
const seconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);
const EVENTS = KPI_SCENARIOS.flatMap((s, i) =>
  s.events.map((e) => ({ ...e, eventId: `s${i}-${e.eventId}` })),
);
const RECEIVED_AT = Math.max(...EVENTS.map((e) => seconds(e.occurredAt))) + 3600;
const UNITS = [...new Set(EVENTS.map((e) => e.unitCode))].sort();
const MARKS: SyncMark[] = UNITS.map((unitCode, i) => ({
  unitCode,
  source: 'onestop',
  completeThrough: RECEIVED_AT - i,
  rejected: i,
  accepted: 10 + i,
}));
const BATCH: SyncBatch = {
  origin: ORIGIN,
  seq: 3,
  firstSeq: 1,
  createdAt: RECEIVED_AT - 60,
  events: EVENTS.map((e) => ({
    source: e.source,
    eventId: e.eventId,
    type: e.type,
    schemaVersion: 1,
    unitCode: e.unitCode,
    occurredAt: seconds(e.occurredAt),
    producedAt: seconds(e.occurredAt),
    payload: JSON.stringify(e.payload),
  })),
  marks: MARKS,
};
const DAYS = { from: '2000-01-01', to: '2030-12-31' };

async function answersOf(engine: EngineUnderTest) {
  const connection = { store: engine.store } as ClickHouseConnection;
  const receiver = new ClickHouseReceiverStore(connection);
  const outbox = new ClickHouseOutbox(connection);
  const reader = new ClickHouseLevelReader(connection);
  await receiver.apply(BATCH, RECEIVED_AT);
  await receiver.apply(BATCH, RECEIVED_AT);
  const pending = await outbox.pendingEvents(0, 10_000);
  // Paged as a catch-up does: each page goes on from the last candidate of the one before.
  const paged = [];
  for (let page = await outbox.pendingEvents(0, 3); page.length > 0;) {
    paged.push(...page);
    page = await outbox.pendingEvents(0, 3, page[page.length - 1]);
  }
  await outbox.append(1, RECEIVED_AT, pending, MARKS);
  await outbox.append(2, RECEIVED_AT + 1, pending.slice(0, 3), []);
  // A later look at recently stored events: batches written since hold them all.
  const pendingOnceSent = await outbox.pendingEvents(RECEIVED_AT, 10_000);
  // Sets: neither engine promises an order for groupUniqArray or an unordered SELECT.
  const byJson = <T>(rows: readonly T[]) => rows.map((r) => JSON.stringify(r)).sort();
  const batch = await outbox.read({ from: 1, to: 2 }, ORIGIN);
  const changes = await reader.changesSince(0, UNITS, DAYS, 10);
  return {
    appliedThrough: await receiver.appliedThrough(ORIGIN),
    watermarks: await receiver.oldestWatermarks(),
    pending: byJson(pending),
    paged: byJson(paged),
    pendingOnceSent,
    lastSeq: await outbox.lastSeq(),
    createdAt: await outbox.createdAt(1),
    storedFeeds: byJson(await outbox.storedFeeds()),
    receivedMarks: byJson(await outbox.receivedMarks()),
    ownCounts: byJson(await outbox.ownCounts(RECEIVED_AT + 60, ORIGIN)),
    lastBatchWithin: await outbox.lastBatchWithin(1, 10_000),
    read: { ...batch, events: byJson(batch.events), marks: byJson(batch.marks) },
    changes: changes.map((c) => ({ ...c, changes: byJson(c.changes) })),
    activity: byJson(await reader.feedActivity(UNITS, RECEIVED_AT + 60)),
  };
}

describe('the sync SQL on ClickHouse 18.16 and on chDB', () => {
  let engines: EngineUnderTest[];
  beforeAll(async () => {
    engines = [openServerEngine('sync_dialect'), openEmbeddedEngine('sync_dialect')];
    await Promise.all(engines.map(migrateEngine));
  });
  afterAll(() => Promise.all(engines.map(closeEngine)));

  it('receives, builds the outbox, reads it back and answers the pull alike', async () => {
    const [server, embedded] = await Promise.all(engines.map(answersOf));
    expect(embedded).toEqual(server);
    expect(server.appliedThrough).toBe(3);
    expect(server.pending).toHaveLength(new Set(EVENTS.map((e) => e.eventId)).size);
    expect(server.paged).toEqual(server.pending);
    expect(server.pendingOnceSent).toEqual([]);
    expect(server.read.events.length).toBeGreaterThan(0);
    expect(server.changes.length).toBeGreaterThan(0);
  }, 120_000);
});
