/**
 * The embedded default (`npm start`'s one process: ingest, coc-gateway and ioc-sync on the in-process
 * bus and chDB) taking a connector's traffic: the demo commune's simulated days published through
 * ingest's HTTP API in batches of 500, four requests in flight, timed from the first request until
 * the gateway counts every event (validated, stored, KPI inputs written). The reference, in the same
 * run, is the bare limit of the engine: the same envelopes inserted as JSONEachRow straight into a
 * chDB table of the raw tables' envelope columns, in the same batches, by a fresh child process.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HttpTransport } from '@libs/connector-sdk';
import { bearer, eventually, startEmbedded } from '@libs/testing';
import { peakRssMb, pidOf, rssMb } from '../lib/process-memory';
import type { BenchContext, BenchResult, BenchScenario } from '../lib/scenario';
import { median } from '../lib/spread';
import { ask, exited, forkTs, waitFor } from '../lib/ts-child';
import { UNIT, inBatches, perSecond, simulatedDays } from './embedded-throughput/traffic';

const DAYS = 60;
const BARE_PASSES = 3;

/** The reference's passes, in a fresh child process (see bare-chdb.ts). */
async function bareEngineRates(nowMs: number): Promise<number[]> {
  const child = forkTs(join(__dirname, 'embedded-throughput', 'bare-chdb.ts'));
  try {
    await waitFor(child, 'ready', 120_000);
    const { rates } = await ask<{ rates: number[] }>(
      child,
      { type: 'run', days: DAYS, nowMs, passes: BARE_PASSES },
      'rates',
    );
    return rates;
  } finally {
    child.kill('SIGTERM');
    await exited(child);
  }
}

async function run(context: BenchContext): Promise<BenchResult> {
  const log = (line: string) => context.log(line);
  // Quick too: with two weeks (15k events) the bare insert was over in 0.2 s, its rate mostly noise.
  const nowMs = Date.now();
  const { events, dates } = simulatedDays(DAYS, nowMs);
  log(`${events.length} simulated events over ${dates.length} days`);
  // Three passes, the median: one pass of the bare insert lasts about a second.
  const passes = await bareEngineRates(nowMs);
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
        `bare: the same envelopes as JSONEachRow into one chDB ReplacingMergeTree table, no validation, same batches; the median of ${BARE_PASSES} passes, each into a fresh store, in a fresh child process (as the embedded app is one)`,
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
