import type { AnalyticsStore } from '@libs/clickhouse';
import { identifier, rawEventsTable, sql, stringLiteral, TABLES } from '@libs/clickhouse';
import { SOURCE_IDS } from '@libs/contracts';
import { at } from '../sql/event-sql';
import {
  KPI_INPUTS,
  kpiInputRowsOfStored,
  type KpiInput,
  type KpiInputRow,
  type StoredEventRow,
} from '@libs/kpi';

const INSERT_CHUNK = 50_000;
const DAY_SECONDS = 86_400;

/** Writes member rows; the materialized view folds them into the hourly sets. Idempotent. */
export async function insertKpiInputRows(
  client: AnalyticsStore,
  rows: readonly KpiInputRow[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    await client.insert({
      table: TABLES.kpiInputMembers,
      format: 'JSONEachRow',
      values: rows.slice(i, i + INSERT_CHUNK),
    });
  }
}

export interface RebuildReport {
  /** Distinct stored events read back. */
  events: number;
  /** Member rows written. */
  rows: number;
}

/**
 * Re-derives the rollup's member rows from the raw tables for events that occurred in [from, to)
 * (each stored event once by the table's identity: unit, type and event id),
 * a local-day window at a time, with the same function ingest uses. Writing rows that already
 * exist changes nothing (member rows are replaced, hourly sets unioned), so it can be re-run at
 * will: after adding a KPI (its inputs get their history) or to repair the rollup.
 */
export async function rebuildKpiInputs(
  client: AnalyticsStore,
  from: Date,
  to: Date,
  inputs: readonly KpiInput[] = KPI_INPUTS,
): Promise<RebuildReport> {
  const start = Math.floor(from.getTime() / 1000);
  const end = Math.ceil(to.getTime() / 1000);
  const report: RebuildReport = { events: 0, rows: 0 };
  for (const source of SOURCE_IDS) {
    const types = [...new Set(inputs.filter((i) => i.type.startsWith(`${source}.`)).map((i) => i.type))];
    if (types.length === 0) continue;
    for (let chunk = start; chunk < end; chunk += DAY_SECONDS) {
      const query = sql`SELECT event_id, type, unit_code, toUInt32(occurred_at) AS occurred_at, payload
FROM ${identifier(rawEventsTable(source))}
WHERE type IN ${types} AND occurred_at >= ${at(chunk)} AND occurred_at < ${at(Math.min(chunk + DAY_SECONDS, end))}
LIMIT 1 BY unit_code, type, event_id`;
      const result = await client.query({ query: query.text, format: 'JSONEachRow' });
      const events = await result.json<StoredEventRow>();
      const rows = events.flatMap((e) =>
        kpiInputRowsOfStored({ ...e, occurred_at: Number(e.occurred_at) }, inputs),
      );
      await insertKpiInputRows(client, rows);
      report.events += events.length;
      report.rows += rows.length;
    }
  }
  return report;
}

export interface BackfillReport extends RebuildReport {
  /** Inputs whose history was derived now; empty when every input was built before. */
  inputs: string[];
}

async function earliestStoredEvent(client: AnalyticsStore): Promise<number | undefined> {
  const parts = SOURCE_IDS.map(
    (s) => `SELECT toUInt32(min(occurred_at)) AS t, count() AS n FROM ${rawEventsTable(s)}`,
  );
  const rs = await client.query({
    query: `SELECT t, n FROM (${parts.join(' UNION ALL ')})`,
    format: 'JSONEachRow',
  });
  const starts = (await rs.json<{ t: number | string; n: number | string }>())
    .filter((r) => Number(r.n) > 0)
    .map((r) => Number(r.t));
  return starts.length > 0 ? Math.min(...starts) : undefined;
}

/**
 * Derives the history of every input that no earlier run has built (a KPI added to the catalog
 * after its events arrived), then records them in `kpi_inputs_built`. Events stored while this runs
 * get their rows from ingest, which already knows the new inputs; both writes are idempotent.
 */
export async function backfillNewKpiInputs(
  client: AnalyticsStore,
  now: Date,
  inputs: readonly KpiInput[] = KPI_INPUTS,
): Promise<BackfillReport> {
  const rs = await client.query({
    query: `SELECT DISTINCT input_id FROM ${TABLES.kpiInputsBuilt}`,
    format: 'JSONEachRow',
  });
  const built = new Set((await rs.json<{ input_id: string }>()).map((r) => r.input_id));
  const missing = inputs.filter((i) => !built.has(i.id));
  if (missing.length === 0) return { events: 0, rows: 0, inputs: [] };
  const earliest = await earliestStoredEvent(client);
  const report =
    earliest === undefined
      ? { events: 0, rows: 0 }
      : await rebuildKpiInputs(
          client,
          new Date(earliest * 1000),
          new Date(now.getTime() + DAY_SECONDS * 1000),
          missing,
        );
  const values = missing.map((i) => `(${stringLiteral(i.id)}, now())`).join(', ');
  await client.command({
    query: `INSERT INTO ${TABLES.kpiInputsBuilt} (input_id, built_at) VALUES ${values}`,
  });
  return { ...report, inputs: missing.map((i) => i.id) };
}
