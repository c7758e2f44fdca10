import { Injectable } from '@nestjs/common';
import { ClickHouseConnection, identifier, rawEventsTable, sql, TABLES } from '@libs/clickhouse';
import { SOURCE_IDS } from '@libs/contracts';
import { kpiInputRowsOfStored } from '@libs/kpi';
import { insertKpiInputRows } from '@libs/kpi-store';
import type { SyncBatch } from '../domain/sync-batch';
import type { ReceiverStore } from './receiver-store.port';

@Injectable()
export class ClickHouseReceiverStore implements ReceiverStore {
  constructor(private readonly connection: ClickHouseConnection) {}

  async appliedThrough(origin: string): Promise<number> {
    const result = await this.connection.store.query({
      query: sql`SELECT max(seq) AS seq FROM ${identifier(TABLES.syncApplied)} WHERE origin = ${origin}`.text,
      format: 'JSONEachRow',
    });
    const [row] = await result.json<{ seq: number | string }>();
    return Number(row?.seq ?? 0);
  }

  async oldestWatermarks(): Promise<{ origin: string; completeThrough: number }[]> {
    const result = await this.connection.store.query({
      query: sql`SELECT origin, toUInt32(min(through)) AS through FROM (
  SELECT origin, argMax(complete_through, (seq, received_at)) AS through
  FROM ${identifier(TABLES.syncMarks)} GROUP BY origin, unit_code, source)
GROUP BY origin ORDER BY origin`.text,
      format: 'JSONEachRow',
    });
    const rows = await result.json<{ origin: string; through: number | string }>();
    return rows.map((r) => ({ origin: r.origin, completeThrough: Number(r.through) }));
  }

  async apply(batch: SyncBatch, receivedAt: number): Promise<void> {
    const client = this.connection.store;
    for (const source of SOURCE_IDS) {
      const rows = batch.events
        .filter((e) => e.source === source)
        .map((e) => ({
          event_id: e.eventId,
          type: e.type,
          schema_version: e.schemaVersion,
          unit_code: e.unitCode,
          occurred_at: e.occurredAt,
          produced_at: e.producedAt,
          // When this level stored it: what its own outbox and freshness go by.
          ingested_at: receivedAt,
          payload: e.payload,
        }));
      if (rows.length === 0) continue;
      await client.insert({ table: rawEventsTable(source), format: 'JSONEachRow', values: rows });
      await insertKpiInputRows(
        client,
        rows.flatMap((row) => kpiInputRowsOfStored(row)),
      );
    }
    if (batch.marks.length > 0) {
      await client.insert({
        table: TABLES.syncMarks,
        format: 'JSONEachRow',
        values: batch.marks.map((m) => ({
          origin: batch.origin,
          unit_code: m.unitCode,
          source: m.source,
          complete_through: m.completeThrough,
          rejected: m.rejected,
          accepted: m.accepted,
          seq: batch.seq,
          received_at: receivedAt,
        })),
      });
    }
    // One row per batch, a merged delivery's too (its events counted on its last batch).
    const first = batch.firstSeq ?? batch.seq;
    await client.insert({
      table: TABLES.syncApplied,
      format: 'JSONEachRow',
      values: Array.from({ length: batch.seq - first + 1 }, (_, i) => ({
        origin: batch.origin,
        seq: first + i,
        events: first + i === batch.seq ? batch.events.length : 0,
        applied_at: receivedAt,
      })),
    });
  }
}
