import { identifier, migrate, MIGRATIONS, rawEventsTable, sql, type AnalyticsStore } from '@libs/clickhouse';
import type { SourceId } from '@libs/contracts';
import type { KpiEvent, StoredEventRow } from '@libs/kpi';
import { serverStore } from './two-engines';
import { uniqueTestId } from './test-services';

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
