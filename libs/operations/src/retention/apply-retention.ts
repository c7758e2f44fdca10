import { TABLES, identifier, rawEventsTable, sql, type AnalyticsStore } from '@libs/clickhouse';
import { SOURCE_IDS } from '@libs/contracts';
import {
  partitionsToDrop,
  retentionCutoff,
  type MonthPartition,
  type RetainedKind,
  type RetentionPolicy,
} from './retention-plan';

/** The tables retention manages, by kind; reference data and bookkeeping are never dropped. */
export const RETAINED_TABLES: Readonly<Record<string, RetainedKind>> = {
  ...Object.fromEntries(SOURCE_IDS.map((source) => [rawEventsTable(source), 'raw' as const])),
  // Partitioned by event month like the raw tables: an arrival goes with its raw row.
  [TABLES.eventArrivals]: 'raw',
  [TABLES.eventCountsHourly]: 'rollup',
  [TABLES.kpiInputMembers]: 'rollup',
  [TABLES.kpiInputHourly]: 'rollup',
  [TABLES.kpiInputDaily]: 'rollup',
  [TABLES.accessAudit]: 'audit',
};

export interface RetentionReport {
  dropped: MonthPartition[];
  rejectsDeleted: number;
}

const MUTATION_TIMEOUT_MS = 120_000;

async function rows<T>(client: AnalyticsStore, query: string): Promise<T[]> {
  return (await client.query({ query, format: 'JSONEachRow' })).json<T>();
}

async function monthPartitions(client: AnalyticsStore, database: string): Promise<MonthPartition[]> {
  const found = await rows<{ table: string; partition_id: string }>(
    client,
    sql`SELECT DISTINCT table, partition_id FROM system.parts
WHERE database = ${database} AND active AND table IN ${Object.keys(RETAINED_TABLES)}
ORDER BY table, partition_id`.text,
  );
  return found.map((p) => ({ table: p.table, kind: RETAINED_TABLES[p.table], partition: p.partition_id }));
}

/** 18.16 has no mutations_sync: wait until the table's mutations are done, so the run's effect is visible. */
async function awaitMutations(client: AnalyticsStore, database: string, table: string): Promise<void> {
  const deadline = Date.now() + MUTATION_TIMEOUT_MS;
  for (;;) {
    const [pending] = await rows<{ n: number | string }>(
      client,
      sql`SELECT count() AS n FROM system.mutations WHERE database = ${database} AND table = ${table} AND is_done = 0`
        .text,
    );
    if (Number(pending.n) === 0) return;
    if (Date.now() > deadline)
      throw new Error(`mutation on ${database}.${table} not done after ${MUTATION_TIMEOUT_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * One housekeeping run: drops the raw-event, rollup and audit month partitions that ended before their
 * limit, and deletes rejects older than theirs (ingest_rejects is one partition, so a mutation).
 * Idempotent; several ingest replicas may run it at once.
 */
export async function applyRetention(
  client: AnalyticsStore,
  database: string,
  policy: RetentionPolicy,
  now: Date,
): Promise<RetentionReport> {
  const dropped = partitionsToDrop(await monthPartitions(client, database), policy, now);
  for (const p of dropped) {
    await client.command({
      query: sql`ALTER TABLE ${identifier(database)}.${identifier(p.table)} DROP PARTITION ID ${p.partition}`
        .text,
    });
  }
  let rejectsDeleted = 0;
  const cutoff = retentionCutoff(policy.rejectsDays, now);
  if (cutoff) {
    const rejects = sql`${identifier(database)}.${identifier(TABLES.ingestRejects)}`;
    const older = sql`rejected_at < ${cutoff}`;
    const [count] = await rows<{ n: number | string }>(
      client,
      sql`SELECT count() AS n FROM ${rejects} WHERE ${older}`.text,
    );
    rejectsDeleted = Number(count.n);
    if (rejectsDeleted > 0) {
      await client.command({ query: sql`ALTER TABLE ${rejects} DELETE WHERE ${older}`.text });
      await awaitMutations(client, database, TABLES.ingestRejects);
    }
  }
  return { dropped, rejectsDeleted };
}
