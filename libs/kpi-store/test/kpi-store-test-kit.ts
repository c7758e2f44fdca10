import { identifier, rawEventsTable, sql, TABLES, type AnalyticsStore } from '@libs/clickhouse';
import { SOURCE_IDS } from '@libs/contracts';
import { type KpiEvent, type References, kpiInputRowsOfStored } from '@libs/kpi';
import { storeRawEvents } from '@libs/testing';
import { insertKpiInputRows } from '../src/inputs/kpi-input.repository';
import type { ReferenceCount } from '../src/references/reference-count.repository';

export { dropTestDatabase, openTestDatabase, storeRawEvents } from '@libs/testing';

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

/** A scenario's reference counts (reference → unit → count) as rows, valid since long before its events. */
export function referenceCountRows(references: References | undefined): ReferenceCount[] {
  return Object.entries(references ?? {}).flatMap(([reference, byUnit]) =>
    Object.entries(byUnit).map(([unitCode, count]) => ({
      unitCode,
      reference,
      count,
      validFrom: '2000-01-01',
    })),
  );
}

/** Empties every table the engine reads, between runs of a property. */
export async function emptyTables(client: AnalyticsStore): Promise<void> {
  const tables = [
    ...SOURCE_IDS.map((source) => rawEventsTable(source)),
    TABLES.kpiInputMembers,
    TABLES.kpiInputHourly,
    TABLES.kpiInputDaily,
    TABLES.referenceRosters,
    TABLES.referenceImports,
  ];
  for (const table of tables) await client.command({ query: sql`TRUNCATE TABLE ${identifier(table)}`.text });
}
