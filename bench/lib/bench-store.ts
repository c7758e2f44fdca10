import { createClient, type ClickHouseClient } from '@clickhouse/client';
import { MIGRATIONS, migrate, rawEventsTable } from '@libs/clickhouse';
import type { EventEnvelope, SourceId } from '@libs/contracts';
import { kpiInputRowsOfStored, type KpiInputRow } from '@libs/kpi';
import { insertKpiInputRows } from '@libs/kpi-store';

const seconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);

/** A database of the product's schema (its numbered migrations), written to as ingest writes. */
export async function benchDatabase(clickhouseUrl: string, database: string): Promise<ClickHouseClient> {
  const admin = createClient({ url: clickhouseUrl });
  const client = createClient({
    url: clickhouseUrl,
    database,
    clickhouse_settings: { date_time_input_format: 'best_effort', input_format_skip_unknown_fields: 1 },
  });
  try {
    await migrate(admin, client, database, MIGRATIONS);
  } finally {
    await admin.close();
  }
  return client;
}

/**
 * Stores valid events the way ingest does (a raw row per event in its source's table, then the KPI
 * input rows the product derives from the stored row), without Kafka: for loading data sets fast.
 */
export async function storeEvents(
  client: ClickHouseClient,
  events: readonly EventEnvelope[],
  ingestedAt: Date = new Date(),
): Promise<void> {
  const bySource = new Map<SourceId, Record<string, unknown>[]>();
  const inputs: KpiInputRow[] = [];
  const ingested = Math.floor(ingestedAt.getTime() / 1000);
  for (const e of events) {
    const stored = {
      event_id: e.eventId,
      type: e.type,
      unit_code: e.unitCode,
      occurred_at: seconds(e.occurredAt),
      payload: JSON.stringify(e.payload),
    };
    const rows = bySource.get(e.source) ?? [];
    rows.push({
      ...stored,
      schema_version: e.schemaVersion,
      produced_at: seconds(e.producedAt),
      ingested_at: ingested,
    });
    bySource.set(e.source, rows);
    inputs.push(...kpiInputRowsOfStored(stored));
  }
  for (const [source, rows] of bySource)
    await client.insert({ table: rawEventsTable(source), values: rows, format: 'JSONEachRow' });
  await insertKpiInputRows(client, inputs);
}
