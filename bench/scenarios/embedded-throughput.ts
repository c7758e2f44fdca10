/**
 * The embedded default (`npm start`'s one process: ingest, coc-gateway and ioc-sync on the in-process
 * bus and chDB) taking a connector's traffic: the demo commune's simulated days published through
 * ingest's HTTP API in batches of 500, four requests in flight, timed from the first request until
 * the gateway counts every event (validated, stored, KPI inputs written). The reference, in the same
 * run, is the bare limit of the engine: the same envelopes inserted as JSONEachRow straight into a
 * chDB table of the raw tables' envelope columns, in the same batches, by this process.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localDateOf, localDayRange } from '@libs/admin-units';
import { openEmbeddedStore } from '@libs/clickhouse';
import type { EventEnvelope } from '@libs/contracts';
import { HttpTransport, simulateCommune } from '@libs/connector-sdk';
import { bearer, eventually, startEmbedded } from '@libs/testing';
import { peakRssMb, pidOf, rssMb } from '../lib/process-memory';
import type { BenchContext, BenchResult, BenchScenario } from '../lib/scenario';
import { median } from '../lib/spread';

const UNIT = '26734';
const BATCH = 500;
const IN_FLIGHT = 4;
const DAY_MS = 86_400_000;
const DAYS = 60;
const BARE_PASSES = 3;

const perSecond = (count: number, ms: number) => Math.round((count * 1000) / ms);

function simulatedDays(days: number): { events: EventEnvelope[]; dates: string[] } {
  const last = localDateOf(new Date(Date.now() - DAY_MS));
  const first = localDateOf(new Date(Date.now() - days * DAY_MS));
  const events = simulateCommune({
    unitCode: UNIT,
    from: localDayRange(first).start,
    to: new Date(localDayRange(last).end.getTime() - 1),
    seed: 11,
  });
  const dates = [...new Set(events.map((event) => localDateOf(new Date(event.occurredAt))))];
  return { events, dates };
}

async function inBatches(events: EventEnvelope[], send: (batch: EventEnvelope[]) => Promise<void>) {
  const batches: EventEnvelope[][] = [];
  for (let i = 0; i < events.length; i += BATCH) batches.push(events.slice(i, i + BATCH));
  const lanes = Array.from({ length: IN_FLIGHT }, async (_, lane) => {
    for (let i = lane; i < batches.length; i += IN_FLIGHT) await send(batches[i]);
  });
  await Promise.all(lanes);
}

async function bareEngine(events: EventEnvelope[]): Promise<number> {
  const directory = mkdtempSync(join(tmpdir(), 'coc-bench-chdb-'));
  const store = openEmbeddedStore({ directory, database: 'bench' });
  try {
    await store.command({
      query: `CREATE TABLE raw_envelopes (event_id String, source String, type String, unit_code String,
        occurred_at DateTime, produced_at DateTime, schema_version UInt16, payload String)
        ENGINE = ReplacingMergeTree ORDER BY (unit_code, occurred_at, event_id)`,
    });
    const started = performance.now();
    await inBatches(events, async (batch) => {
      await store.insert({
        table: 'raw_envelopes',
        format: 'JSONEachRow',
        values: batch.map((event) => ({
          event_id: event.eventId,
          source: event.source,
          type: event.type,
          unit_code: event.unitCode,
          occurred_at: event.occurredAt,
          produced_at: event.producedAt,
          schema_version: event.schemaVersion,
          payload: JSON.stringify(event.payload),
        })),
      });
    });
    return perSecond(events.length, performance.now() - started);
  } finally {
    await store.close();
    rmSync(directory, { recursive: true, force: true });
  }
}

async function run(context: BenchContext): Promise<BenchResult> {
  const log = (line: string) => context.log(line);
  // Quick too: with two weeks (15k events) the bare insert was over in 0.2 s, its rate mostly noise.
  const { events, dates } = simulatedDays(DAYS);
  log(`${events.length} simulated events over ${dates.length} days`);
  // Three passes, the median: one pass of the bare insert lasts about a second, and its rate swung
  // twofold between runs with the disk's and the CPUs' other users.
  const passes: number[] = [];
  for (let pass = 0; pass < BARE_PASSES; pass++) passes.push(await bareEngine(events));
  const bare = median(passes);
  log(`bare chDB insert: ${passes.join(', ')} events/s (median ${bare})`);

  const dataDir = mkdtempSync(join(tmpdir(), 'coc-bench-embedded-'));
  const app = await startEmbedded(dataDir, { COC_DEMO_TRAFFIC: 'false' });
  try {
    const pid = pidOf(app.child);
    const idleRss = rssMb(pid);
    const { connectorKey, adminKey } = JSON.parse(
      readFileSync(join(dataDir, 'access', 'secrets.json'), 'utf8'),
    ) as { connectorKey: string; adminKey: string };
    const connector = new HttpTransport({ url: app.ingestUrl, apiKey: connectorKey });
    const started = performance.now();
    await inBatches(events, async (batch) => {
      await connector.publish(batch);
    });
    const acknowledgedMs = performance.now() - started;
    const counted = async () => {
      let total = 0;
      for (const date of dates) {
        const response = await fetch(`${app.gatewayUrl}/api/v1/units/${UNIT}/event-counts?date=${date}`, {
          headers: bearer(adminKey),
        });
        for (const row of (await response.json()) as { count: number }[]) total += row.count;
      }
      return total;
    };
    await eventually(
      async () => {
        const total = await counted();
        if (total < events.length) throw new Error(`${total} of ${events.length} counted`);
      },
      { timeoutMs: 600_000, intervalMs: 250 },
    );
    const storedMs = performance.now() - started;
    const embedded = perSecond(events.length, storedMs);
    log(`embedded: acknowledged in ${Math.round(acknowledgedMs)} ms, counted in ${Math.round(storedMs)} ms`);
    return {
      scenario: 'embedded-throughput',
      figures: {
        events: events.length,
        embeddedEventsPerSecond: embedded,
        acknowledgedEventsPerSecond: perSecond(events.length, acknowledgedMs),
        bareChdbInsertEventsPerSecond: bare,
        embeddedIdleRssMb: idleRss,
        embeddedPeakRssMb: peakRssMb(pid),
      },
      ratios: { embeddedOverBareInsert: embedded / bare },
      targets: [],
      notes: [
        'embedded: HTTP ingest → in-process bus (fsync) → validate → chDB raw + KPI-input rows, until the gateway counts every event',
        `bare: the same envelopes as JSONEachRow into one chDB ReplacingMergeTree table, no validation, same batches; the median of ${BARE_PASSES} passes, each into a fresh store`,
        "a commune's own volume is about 1,100 events a day",
      ],
    };
  } finally {
    await app.kill();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export const embeddedThroughput: BenchScenario = {
  name: 'embedded-throughput',
  description: "the one-process default taking a connector's traffic, against a bare chDB insert",
  run,
};
