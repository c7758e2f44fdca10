import { localDayRange } from '@libs/admin-units';
import { ClickHouseConnection, ClickHouseEnv, identifier, sql, TABLES } from '@libs/clickhouse';
import { exampleEnvelope, ReportDue, ReportSubmitted } from '@libs/contracts';
import { findKpi, kpiInputRowsOfStored, type StoredEventRow } from '@libs/kpi';
import { ClickHouseKpiEngine, insertKpiInputRows } from '@libs/kpi-store';
import { loadEnv } from '@libs/platform';
import { dropTestDatabase, openTestDatabase, storeRawEvents, testServices } from '@libs/testing';
import type { AnalyticsStore } from '@libs/clickhouse';
import { changePageOf } from '../src/domain/change-pages';
import { IocSyncEnv } from '../src/ioc-sync.env';
import { ClickHouseOutbox } from '../src/outbox/clickhouse-outbox';
import { OutboxBuilder } from '../src/outbox/outbox-builder.service';
import { ClickHouseLevelReader } from '../src/pull/clickhouse-level-reader';

const UNIT = '26734';
const DAYS = { from: '2026-11-01', to: '2026-11-30' };
const DUE_DAY = '2026-11-18';

/**
 * Ingest writes an event's raw row, then its KPI-input member rows. The outbox is the pull API's
 * change log, and a report's due day is known to the pull only through those member rows: an outbox
 * batch built between the two writes (or during a crash between them) must not carry the event, or
 * the pull's cursor passes it before its due day is visible.
 */
describe('outbox and pull between an event’s raw row and its member rows (real ClickHouse)', () => {
  let db: { id: string; client: AnalyticsStore };
  let connection: ClickHouseConnection;

  beforeAll(async () => {
    db = await openTestDatabase('ioc_outbox_race');
    connection = new ClickHouseConnection(
      loadEnv(ClickHouseEnv, { CLICKHOUSE_URL: testServices().clickhouseUrl, CLICKHOUSE_DATABASE: db.id }),
    );
  });
  afterAll(async () => {
    await connection.onApplicationShutdown();
    await dropTestDatabase(db.client, db.id);
  });

  const builder = (outbox: ClickHouseOutbox) =>
    new OutboxBuilder(
      outbox,
      loadEnv(IocSyncEnv, { IOC_SYNC_UNIT_CODE: UNIT, IOC_SYNC_MARK_INTERVAL_MS: '1000' }),
    );

  /** A report announced on the 20th, owed on the 18th: its occurrence and its due day differ. */
  const reportDue = (id: string) =>
    exampleEnvelope(ReportDue, {
      eventId: `due-${id}`,
      unitCode: UNIT,
      occurredAt: '2026-11-20T03:00:00.000Z',
      producedAt: '2026-11-20T03:00:00.000Z',
      payload: {
        reportId: `R-${id}`,
        regimeCode: 'KTXH-THANG',
        period: '2026-10',
        dueAt: `${DUE_DAY}T17:00:00+07:00`,
      },
    });

  const storeMembers = (rows: readonly StoredEventRow[]) =>
    insertKpiInputRows(
      db.client,
      rows.flatMap((row) => kpiInputRowsOfStored(row)),
    );

  const changesSince = async (since: number) =>
    changePageOf(
      await new ClickHouseLevelReader(connection).changesSince(since, [UNIT], DAYS, 100),
      since,
      100,
    );

  const outboxRowsOf = async (eventId: string) => {
    const result = await db.client.query({
      query:
        sql`SELECT seq FROM ${identifier(TABLES.syncOutbox)} WHERE kind = 'event' AND event_id = ${eventId}`
          .text,
      format: 'JSONEachRow',
    });
    return (await result.json<{ seq: number | string }>()).map((r) => Number(r.seq));
  };

  it('reads the changed units only, and finds a submission’s due day in its own unit, not in another with the same report id', async () => {
    const OTHER = '26737';
    const outbox = new ClickHouseOutbox(connection);
    const build = builder(outbox);
    const due = (unitCode: string, dueDay: string) => ({
      ...reportDue(`shared-${unitCode}`),
      unitCode,
      payload: { ...reportDue('shared').payload, dueAt: `${dueDay}T17:00:00+07:00` },
    });
    await storeMembers(await storeRawEvents(db.client, [due(UNIT, '2026-11-16'), due(OTHER, '2026-11-10')]));
    await build.buildOnce();
    const since = (await outbox.lastSeq()).seq;
    const submitted = exampleEnvelope(ReportSubmitted, {
      eventId: 'submitted-shared',
      unitCode: UNIT,
      occurredAt: '2026-11-25T03:00:00.000Z',
      producedAt: '2026-11-25T03:00:00.000Z',
      payload: { ...ReportSubmitted.example.payload, reportId: 'R-shared', period: '2026-10' },
    });
    await storeMembers(await storeRawEvents(db.client, [submitted]));
    await build.buildOnce();

    const page = changePageOf(
      await new ClickHouseLevelReader(connection).changesSince(since, [UNIT, OTHER], DAYS, 100),
      since,
      100,
    );
    expect(page.changes).toContainEqual({ unitCode: UNIT, date: '2026-11-25' });
    expect(page.changes).toContainEqual({ unitCode: UNIT, date: '2026-11-16' });
    expect(page.changes.filter((c) => c.unitCode === OTHER)).toEqual([]);
  });

  it('a page built before the member rows land does not move the cursor past the event’s due day', async () => {
    const outbox = new ClickHouseOutbox(connection);
    const build = builder(outbox);
    const since = (await outbox.lastSeq()).seq;
    const stored = await storeRawEvents(db.client, [reportDue('race')]);

    await build.buildOnce();
    const early = await changesSince(since);
    await storeMembers(stored);
    await build.buildOnce();
    const next = await changesSince(early.cursor);

    expect(next.changes).toContainEqual({ unitCode: UNIT, date: DUE_DAY });
  });

  it('an ingest crash between the two writes, then the redelivery of both, sends and counts the event once', async () => {
    const outbox = new ClickHouseOutbox(connection);
    const build = builder(outbox);
    const since = (await outbox.lastSeq()).seq;
    const event = reportDue('crash');

    await storeRawEvents(db.client, [event]);
    await build.buildOnce();
    const during = await changesSince(since);
    // The redelivery writes the raw row again (a duplicate until a merge) and then the member rows.
    await storeMembers(await storeRawEvents(db.client, [event]));
    await build.buildOnce();
    await build.buildOnce();

    const seqs = await outboxRowsOf(event.eventId);
    expect(seqs).toHaveLength(1);
    const sent = await outbox.read({ from: seqs[0], to: seqs[0] }, UNIT);
    expect(sent.events.filter((e) => e.eventId === event.eventId)).toHaveLength(1);
    const page = await changesSince(during.cursor);
    expect(page.changes).toContainEqual({ unitCode: UNIT, date: DUE_DAY });
    const owed = await new ClickHouseKpiEngine(db.client).evaluate(
      findKpi('reports_submitted_on_time_pct')!,
      {
        unitCodes: [UNIT],
        range: localDayRange(DUE_DAY),
        asOf: new Date('2026-11-21T00:00:00Z'),
      },
    );
    // Both tests' reports are owed that day, each counted once.
    expect(owed.denominator).toBe(2);
  });
});
