import { Injectable } from '@nestjs/common';
import {
  ClickHouseConnection,
  identifier,
  rawEventsTable,
  sql,
  TABLES,
  type SqlFragment,
} from '@libs/clickhouse';
import { rowsOf } from '../clickhouse-rows';
import { SOURCE_IDS, isSourceId, sourceTopic, type SourceId } from '@libs/contracts';
import type { KpiInputRow } from '@libs/kpi';
import { memberKeyOf } from '../domain/member-readiness';
import { SentBatches } from '../domain/sent-batches';
import type { SyncBatch, SyncedEvent, SyncMark } from '../domain/sync-batch';
import type { FeedKey } from '../domain/watermarks';
import type { ArrivalCursor, Outbox, PendingEvent, StoredEvent } from './outbox.port';

const DAY = 86_400;
const at = (seconds: number) => sql`toDateTime(${Math.max(0, Math.floor(seconds))})`;

type Num = number | string;
const OUTBOX_TABLE = identifier(TABLES.syncOutbox);
const ARRIVALS_TABLE = identifier(TABLES.eventArrivals);
/** event_arrivals' key after the source: storing order. */
const ARRIVAL_ORDER = sql`ingested_at, unit_code, type, occurred_at, event_id`;
/** How far the ingest host's clock may run ahead of this one's (an event's batch is written after it is stored). */
const CLOCK_SKEW = 600;
/** Most outbox batches one delivery merges (an idle level's watermark batches carry no events). */
const MAX_BATCHES_MERGED = 1000;
/** Member rows looked up per query: keeps the statement well under ClickHouse's max_query_size. */
const MEMBERS_PER_LOOKUP = 1000;

/**
 * Arrivals of the cursor's source beyond it in storing order (ARRIVAL_ORDER), spelled out column by
 * column so the table's key narrows the read.
 */
function beyond(cursor: ArrivalCursor, direction: '>' | '<'): SqlFragment {
  const key: [SqlFragment, SqlFragment][] = [
    [sql`ingested_at`, at(cursor.storedAt)],
    [sql`unit_code`, sql`${cursor.unitCode}`],
    [sql`type`, sql`${cursor.type}`],
    [sql`occurred_at`, at(cursor.occurredAt)],
    [sql`event_id`, sql`${cursor.eventId}`],
  ];
  const op = direction === '>' ? sql`>` : sql`<`;
  return key.reduceRight<SqlFragment | undefined>(
    (rest, [column, value]) =>
      rest
        ? sql`(${column} ${op} ${value} OR (${column} = ${value} AND ${rest}))`
        : sql`${column} ${op} ${value}`,
    undefined,
  ) as SqlFragment;
}
const storedAfter = (cursor: ArrivalCursor) => beyond(cursor, '>');
const storedBefore = (cursor: ArrivalCursor) => beyond(cursor, '<');

interface MarkRow {
  unit_code: string;
  source: string;
  complete_through: Num;
  rejected: Num;
  accepted: Num;
}

const markOf = (r: MarkRow): SyncMark => ({
  unitCode: r.unit_code,
  source: r.source as SourceId,
  completeThrough: Number(r.complete_through),
  rejected: Number(r.rejected),
  accepted: Number(r.accepted),
});

@Injectable()
export class ClickHouseOutbox implements Outbox {
  private readonly sent = new SentBatches();
  private lastAppended = 0;

  constructor(private readonly connection: ClickHouseConnection) {}

  private rows<T>(query: SqlFragment): Promise<T[]> {
    return rowsOf<T>(this.connection.store, query);
  }

  async lastSeq(): Promise<{ seq: number; createdAt: number }> {
    const [row] = await this.rows<{ seq: Num; created_at: Num }>(
      sql`SELECT max(seq) AS seq, toUInt32(max(created_at)) AS created_at FROM ${OUTBOX_TABLE}`,
    );
    return { seq: Number(row?.seq ?? 0), createdAt: Number(row?.created_at ?? 0) };
  }

  async createdAt(seq: number): Promise<number> {
    const [row] = await this.rows<{ created_at: Num }>(
      sql`SELECT toUInt32(min(created_at)) AS created_at FROM ${OUTBOX_TABLE} WHERE seq = ${seq}`,
    );
    return Number(row?.created_at ?? 0);
  }

  async pendingEvents(storedSince: number, limit: number, after?: ArrivalCursor): Promise<StoredEvent[]> {
    const pending: StoredEvent[] = [];
    const sent = await this.batchesSince(storedSince);
    const sources = after ? SOURCE_IDS.slice(SOURCE_IDS.indexOf(after.source)) : SOURCE_IDS;
    for (const source of sources) {
      const left = limit - pending.length;
      if (left <= 0) break;
      const cursor = after?.source === source ? sql` AND ${storedAfter(after)}` : sql``;
      const arrived = sql`source = ${source} AND ingested_at >= ${at(storedSince)}${cursor}`;
      const arrivals = await this.rows<{
        event_id: string;
        type: string;
        unit_code: string;
        at: Num;
        stored_at: Num;
      }>(
        sql`SELECT event_id, type, unit_code, toUInt32(occurred_at) AS at, toUInt32(ingested_at) AS stored_at
FROM ${ARRIVALS_TABLE}
WHERE ${arrived} AND event_id NOT IN (
  SELECT event_id FROM ${OUTBOX_TABLE} WHERE ${sent} AND kind = 'event' AND source = ${source})
ORDER BY ${ARRIVAL_ORDER}
LIMIT 1 BY event_id
LIMIT ${left}`,
      );
      const candidates = arrivals.map((r) => ({
        source,
        eventId: r.event_id,
        type: r.type,
        unitCode: r.unit_code,
        occurredAt: Number(r.at),
        storedAt: Number(r.stored_at),
      }));
      const payloads = await this.payloadsOf(source, candidates);
      for (const c of candidates) {
        const payload = payloads.get(c.eventId);
        // Retention dropped its raw row after the arrival was read: nothing is left to send.
        if (payload !== undefined) pending.push({ ...c, payload });
      }
    }
    return pending;
  }

  /**
   * The outbox rows that may hold events stored since `since`: a batch is written after its events.
   * Their ids are the set a scan excludes, so a steady scan's set is the last interval's batches.
   */
  private async batchesSince(since: number): Promise<SqlFragment> {
    if (since <= 0) return sql`1`;
    const from = since - CLOCK_SKEW;
    const known = this.sent.firstSince(from, this.lastAppended + 1);
    if (known !== undefined) return sql`seq >= ${known}`;
    // Reads the outbox's created_at column whole: only until this process has appended a batch.
    const [row] = await this.rows<{ seq: Num; n: Num }>(
      sql`SELECT min(seq) AS seq, count() AS n FROM ${OUTBOX_TABLE} WHERE created_at >= ${at(from)}`,
    );
    return Number(row?.n ?? 0) > 0 ? sql`seq >= ${Number(row.seq)}` : sql`0`;
  }

  /** The payloads of a page of arrivals, read from the raw table's key ranges the page covers. */
  private async payloadsOf(source: SourceId, page: readonly ArrivalCursor[]): Promise<Map<string, string>> {
    if (page.length === 0) return new Map();
    const units = [...new Set(page.map((c) => c.unitCode))];
    const times = page.map((c) => c.occurredAt);
    const rows = await this.rows<{ event_id: string; payload: string }>(
      sql`SELECT event_id, payload FROM ${identifier(rawEventsTable(source))}
PREWHERE event_id IN (SELECT event_id FROM ${ARRIVALS_TABLE}
  WHERE source = ${source} AND NOT ${storedBefore(page[0])} AND NOT ${storedAfter(page[page.length - 1])})
WHERE unit_code IN ${units} AND occurred_at >= ${at(Math.min(...times))} AND occurred_at <= ${at(Math.max(...times))}
LIMIT 1 BY event_id`,
    );
    return new Map(rows.map((r) => [r.event_id, r.payload]));
  }

  async storedMembers(rows: readonly KpiInputRow[]): Promise<KpiInputRow[]> {
    const found = new Set<string>();
    for (let i = 0; i < rows.length; i += MEMBERS_PER_LOOKUP) {
      const chunk = rows.slice(i, i + MEMBERS_PER_LOOKUP);
      const buckets = chunk.map((r) => r.bucket);
      const distinct = (values: string[]) => [...new Set(values)];
      // Unit, input and bucket lead the table's key; the event ids pick the rows within.
      const stored = await this.rows<{ event_id: string; input_id: string; bucket: Num; member: string }>(
        sql`SELECT DISTINCT event_id, input_id, toUInt32(bucket) AS bucket, member
FROM ${identifier(TABLES.kpiInputMembers)}
WHERE unit_code IN ${distinct(chunk.map((r) => r.unit_code))}
  AND input_id IN ${distinct(chunk.map((r) => r.input_id))}
  AND bucket >= ${at(Math.min(...buckets))} AND bucket <= ${at(Math.max(...buckets))}
  AND event_id IN ${distinct(chunk.map((r) => r.event_id))}`,
      );
      for (const r of stored) found.add(memberKeyOf({ ...r, bucket: Number(r.bucket) }));
    }
    return rows.filter((r) => found.has(memberKeyOf(r)));
  }

  async storedFeeds(): Promise<FeedKey[]> {
    const rows = await this.rows<{ unit_code: string; source: string }>(
      sql`SELECT DISTINCT unit_code, source FROM ${identifier(TABLES.eventCountsHourly)}`,
    );
    return rows
      .filter((r) => isSourceId(r.source))
      .map((r) => ({ unitCode: r.unit_code, source: r.source as SourceId }));
  }

  async receivedMarks(): Promise<SyncMark[]> {
    const rows = await this.rows<{
      unit_code: string;
      source: string;
      complete_through: Num;
      rejected: Num;
      accepted: Num;
    }>(
      sql`SELECT unit_code, source,
  toUInt32(argMax(complete_through, (seq, received_at))) AS complete_through,
  argMax(rejected, (seq, received_at)) AS rejected, argMax(accepted, (seq, received_at)) AS accepted
FROM ${identifier(TABLES.syncMarks)} GROUP BY unit_code, source`,
    );
    return rows.filter((r) => isSourceId(r.source)).map(markOf);
  }

  async ownCounts(
    now: number,
    ownUnit: string,
  ): Promise<(FeedKey & { rejected: number; accepted: number })[]> {
    const counts = new Map<string, FeedKey & { rejected: number; accepted: number }>();
    const entry = (unitCode: string, source: SourceId) => {
      const key = `${unitCode}|${source}`;
      const found = counts.get(key) ?? { unitCode, source, rejected: 0, accepted: 0 };
      counts.set(key, found);
      return found;
    };
    for (const source of SOURCE_IDS) {
      const stored = await this.rows<{ unit_code: string; n: Num }>(
        sql`SELECT unit_code, uniqExact(event_id) AS n FROM ${ARRIVALS_TABLE}
WHERE source = ${source} AND ingested_at >= ${at(now - DAY)} AND ingested_at < ${at(now)} GROUP BY unit_code`,
      );
      for (const r of stored) entry(r.unit_code, source).accepted = Number(r.n);
      // Refused records may lack a readable unit: this level's ingest refused them for its own unit.
      const [refused] = await this.rows<{ n: Num }>(
        sql`SELECT count() AS n FROM ${identifier(TABLES.ingestRejects)}
WHERE endsWith(topic, ${sourceTopic(source)}) AND rejected_at >= ${at(now - DAY)} AND rejected_at < ${at(now)}`,
      );
      if (Number(refused?.n ?? 0) > 0) entry(ownUnit, source).rejected = Number(refused.n);
    }
    return [...counts.values()];
  }

  async append(
    seq: number,
    createdAt: number,
    events: readonly PendingEvent[],
    marks: readonly SyncMark[],
  ): Promise<void> {
    const values = [
      ...events.map((e) => ({
        seq,
        kind: 'event',
        source: e.source,
        unit_code: e.unitCode,
        event_id: e.eventId,
        at: e.occurredAt,
        rejected: 0,
        accepted: 0,
        created_at: createdAt,
      })),
      ...marks.map((m) => ({
        seq,
        kind: 'mark',
        source: m.source,
        unit_code: m.unitCode,
        event_id: '',
        at: m.completeThrough,
        rejected: m.rejected,
        accepted: m.accepted,
        created_at: createdAt,
      })),
    ];
    await this.connection.store.insert({ table: TABLES.syncOutbox, format: 'JSONEachRow', values });
    this.sent.record(seq, createdAt);
    this.lastAppended = seq;
  }

  async lastBatchWithin(from: number, maxEvents: number): Promise<number> {
    const rows = await this.rows<{ seq: Num; n: Num }>(
      sql`SELECT seq, countIf(kind = 'event') AS n FROM ${OUTBOX_TABLE}
WHERE seq >= ${from} AND seq < ${from + MAX_BATCHES_MERGED} GROUP BY seq ORDER BY seq`,
    );
    let last = from;
    let events = 0;
    for (const [i, row] of rows.entries()) {
      events += Number(row.n);
      // Consecutive only, and within the limit (the first batch goes whatever its size).
      if (Number(row.seq) !== from + i || (i > 0 && events > maxEvents)) break;
      last = Number(row.seq);
    }
    return last;
  }

  async read({ from, to }: { from: number; to: number }, origin: string): Promise<SyncBatch> {
    const seqs = sql`seq >= ${from} AND seq <= ${to}`;
    const markRows = await this.rows<{
      source: string;
      unit_code: string;
      complete_through: Num;
      rejected: Num;
      accepted: Num;
    }>(
      // Each feed's latest watermark of the run: a later batch vouches for at least as much.
      sql`SELECT source, unit_code, toUInt32(argMax(at, seq)) AS complete_through,
  argMax(rejected, seq) AS rejected, argMax(accepted, seq) AS accepted
FROM ${OUTBOX_TABLE} WHERE ${seqs} AND kind = 'mark' GROUP BY source, unit_code`,
    );
    // Where the batch's events lie in the raw tables (units and event-time span), for the primary key.
    const spans = await this.rows<{
      source: string;
      unit_code: string;
      t_from: Num;
      t_to: Num;
      created_at: Num;
    }>(
      sql`SELECT source, unit_code, toUInt32(min(at)) AS t_from, toUInt32(max(at)) AS t_to, toUInt32(max(created_at)) AS created_at
FROM ${OUTBOX_TABLE} WHERE ${seqs} GROUP BY source, unit_code`,
    );
    if (spans.length === 0) throw new Error(`outbox batches ${from}-${to} do not exist`);
    const marks = markRows.filter((m) => isSourceId(m.source)).map(markOf);
    const events: SyncedEvent[] = [];
    for (const source of SOURCE_IDS) {
      const ofSource = spans.filter((s) => s.source === source);
      if (ofSource.length === 0) continue;
      const rows = await this.rows<{
        event_id: string;
        type: string;
        schema_version: Num;
        unit_code: string;
        occurred_at: Num;
        produced_at: Num;
        payload: string;
      }>(
        sql`SELECT event_id, type, schema_version, unit_code, toUInt32(occurred_at) AS occurred_at,
  toUInt32(produced_at) AS produced_at, payload
FROM ${identifier(rawEventsTable(source))}
WHERE unit_code IN ${ofSource.map((s) => s.unit_code)}
  AND occurred_at >= ${at(Math.min(...ofSource.map((s) => Number(s.t_from))))}
  AND occurred_at <= ${at(Math.max(...ofSource.map((s) => Number(s.t_to))))}
  AND event_id IN (SELECT event_id FROM ${OUTBOX_TABLE} WHERE ${seqs} AND kind = 'event' AND source = ${source})
LIMIT 1 BY event_id`,
      );
      for (const r of rows) {
        events.push({
          source,
          eventId: r.event_id,
          type: r.type,
          schemaVersion: Number(r.schema_version),
          unitCode: r.unit_code,
          occurredAt: Number(r.occurred_at),
          producedAt: Number(r.produced_at),
          payload: r.payload,
        });
      }
    }
    const createdAt = Math.max(...spans.map((s) => Number(s.created_at)));
    return { origin, ...(from === to ? {} : { firstSeq: from }), seq: to, createdAt, events, marks };
  }
}
