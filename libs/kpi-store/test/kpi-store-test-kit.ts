import type { AnalyticsStore } from '@libs/clickhouse';
import { identifier, migrate, MIGRATIONS, rawEventsTable, sql, TABLES } from '@libs/clickhouse';
import { SOURCE_IDS, type SourceId } from '@libs/contracts';
import { type KpiEvent, kpiInputRowsOfStored, type StoredEventRow } from '@libs/kpi';
import { serverStore, uniqueTestId } from '@libs/testing';
import { insertKpiInputRows } from '../src/inputs/kpi-input.repository';

const CHUNK = 50_000;

/** A database of its own on the real ClickHouse, migrated like the apps do. */
export async function openTestDatabase(label: string): Promise<{ id: string; client: AnalyticsStore }> {
  const id = uniqueTestId(label);
  const admin = serverStore('default');
  const client = serverStore(id);
  try {
    await migrate(admin, client, id, MIGRATIONS);
  } finally {
    await admin.close();
  }
  return { id, client };
}

export async function dropTestDatabase(client: AnalyticsStore, id: string): Promise<void> {
  await client.command({ query: sql`DROP DATABASE IF EXISTS ${identifier(id)}`.text });
  await client.close();
}

/**
 * Stores events as the ingest does: one raw row per event in its source's table (whole seconds,
 * payload as JSON text), then the rollup's member rows derived from those very rows. Every call
 * is its own set of insert blocks, like a redelivered batch.
 */
export async function storeEvents(client: AnalyticsStore, events: readonly KpiEvent[]): Promise<void> {
  const rows = await storeRawEvents(client, events);
  await insertKpiInputRows(
    client,
    rows.flatMap((row) => kpiInputRowsOfStored(row)),
  );
}

/** Only the raw rows, as if the events had arrived before the rollup knew their KPIs. */
export async function storeRawEvents(
  client: AnalyticsStore,
  events: readonly KpiEvent[],
): Promise<StoredEventRow[]> {
  const bySource = new Map<SourceId, KpiEvent[]>();
  for (const event of events) {
    const list = bySource.get(event.source) ?? [];
    if (list.length === 0) bySource.set(event.source, list);
    list.push(event);
  }
  const ingestedAt = Math.floor(Date.now() / 1000);
  const stored: StoredEventRow[] = [];
  for (const [source, sourceEvents] of bySource) {
    const rows = sourceEvents.map((e) => {
      const occurredAt = Math.floor(Date.parse(e.occurredAt) / 1000);
      return {
        event_id: e.eventId,
        type: e.type,
        schema_version: 1,
        unit_code: e.unitCode,
        occurred_at: occurredAt,
        produced_at: occurredAt,
        ingested_at: ingestedAt,
        payload: JSON.stringify(e.payload),
      };
    });
    for (let i = 0; i < rows.length; i += CHUNK) {
      await client.insert({
        table: rawEventsTable(source),
        format: 'JSONEachRow',
        values: rows.slice(i, i + CHUNK),
      });
    }
    stored.push(...rows);
  }
  return stored;
}

/** Empties every table the engine reads, between runs of a property. */
export async function emptyTables(client: AnalyticsStore): Promise<void> {
  const tables = [
    ...SOURCE_IDS.map((source) => rawEventsTable(source)),
    TABLES.kpiInputMembers,
    TABLES.kpiInputHourly,
    TABLES.referenceRosters,
    TABLES.referenceImports,
  ];
  for (const table of tables) await client.command({ query: sql`TRUNCATE TABLE ${identifier(table)}`.text });
}
