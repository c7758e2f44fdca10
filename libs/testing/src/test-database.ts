import { createClient, type ClickHouseClient } from '@clickhouse/client';
import { identifier, migrate, MIGRATIONS, rawEventsTable, sql } from '@libs/clickhouse';
import type { SourceId } from '@libs/contracts';
import type { KpiEvent, StoredEventRow } from '@libs/kpi';
import { testServices, uniqueTestId } from './test-services';

const CHUNK = 50_000;

/** The settings every COC Stream client sends (see createClickHouseClient). */
const SETTINGS = {
  date_time_input_format: 'best_effort',
  input_format_skip_unknown_fields: 1,
  output_format_json_quote_64bit_integers: 0,
} as const;

/** A database of its own on the real ClickHouse, migrated like the apps do. */
export async function openTestDatabase(label: string): Promise<{ id: string; client: ClickHouseClient }> {
  const { clickhouseUrl } = testServices();
  const id = uniqueTestId(label);
  const admin = createClient({ url: clickhouseUrl, clickhouse_settings: SETTINGS });
  const client = createClient({ url: clickhouseUrl, database: id, clickhouse_settings: SETTINGS });
  try {
    await migrate(admin, client, id, MIGRATIONS);
  } finally {
    await admin.close();
  }
  return { id, client };
}

export async function dropTestDatabase(client: ClickHouseClient, id: string): Promise<void> {
  await client.command({ query: sql`DROP DATABASE IF EXISTS ${identifier(id)}`.text });
  await client.close();
}

/** Only the raw rows, as if the events had arrived before the rollup knew their KPIs. */
export async function storeRawEvents(
  client: ClickHouseClient,
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
