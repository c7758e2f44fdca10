/**
 * Outside CI: the wall-screen page under simulated traffic, measured.
 *
 * 1. Latency: LATENCY_EVENTS dossiers (default 200), one every 1.2 s so none is coalesced with the
 *    previous, each timed from the Kafka publish to the moment the pillar view changed the tile
 *    (`data-changed-at`, same machine clock); p50/p95/max reported.
 * 2. Soak: SOAK_MINUTES (default 30) of traffic — a dossier every 500 ms, camera alerts raised and
 *    acknowledged, congestion started and ended — while the page rotates its playlist every 20 s.
 *    Every minute, after a forced garbage collection, the page's JS heap, DOM node and listener
 *    counts are sampled over the DevTools protocol; the heap's slope after the warm-up (least squares
 *    from minute 2) is reported.
 * 3. Optionally, heap snapshots at the minutes SOAK_HEAP_SNAPSHOTS lists (e.g. `2,10`), saved as
 *    test-results/wall-screen-<minute>.heapsnapshot (open them in DevTools' Memory tab); the objects
 *    alive at the last one and not at the first are listed by constructor with what holds them.
 *    SOAK_TICK_MS (default 500) and SOAK_DWELL_S (default 20) set the traffic's and the playlist's
 *    pace, to age the page faster; SOAK_NAME (default wall-screen) names the files; SOAK_JS_FLAGS
 *    passes V8 switches to the page's browser.
 *
 * Needs `npm run build` and the local services (deploy/local/services.sh start); it reads
 * KAFKA_BROKERS and CLICKHOUSE_URL, else the COC_LOCAL_* ports. Results: test-results/wall-screen-soak.json.
 *   npm run bench:screen
 * To find what grows, faster traffic and snapshots at minutes 2 and 12:
 *   SOAK_MINUTES=12.5 LATENCY_EVENTS=0 SOAK_TICK_MS=100 SOAK_DWELL_S=5 SOAK_HEAP_SNAPSHOTS=2,12 npm run bench:screen
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { heapBreakdown, heapGrowth, parseHeapSnapshot, takeHeapSnapshot } from './lib/heap-snapshot';
import { logLevel } from 'kafkajs';
import {
  CameraAlertAcknowledged,
  CameraAlertRaised,
  CongestionEnded,
  CongestionStarted,
  DossierReceived,
  exampleEnvelope,
  sourceTopic,
  type SourceId,
} from '@libs/contracts';
import {
  accessEnvFor,
  bearer,
  eventually,
  launchChromium,
  openWallScreen,
  report,
  startApp,
  testKafka,
  testKey,
  uniqueTestId,
} from '@libs/testing';

const UNIT = '26734';
const KPI = 'tthc_dossiers_on_central_onestop_pct';
const kafkaBrokers = process.env.KAFKA_BROKERS ?? `127.0.0.1:${process.env.COC_LOCAL_KAFKA_PORT ?? '19092'}`;
const clickhouseUrl =
  process.env.CLICKHOUSE_URL ?? `http://127.0.0.1:${process.env.COC_LOCAL_CLICKHOUSE_HTTP_PORT ?? '18123'}`;
const latencyEvents = Number(process.env.LATENCY_EVENTS ?? '200');
const soakMinutes = Number(process.env.SOAK_MINUTES ?? '30');
const tickMs = Number(process.env.SOAK_TICK_MS ?? '500');
const dwellSeconds = Number(process.env.SOAK_DWELL_S ?? '20');
const snapshotMinutes = (process.env.SOAK_HEAP_SNAPSHOTS ?? '').split(',').filter(Boolean).map(Number);
const resultsDir = join(process.cwd(), 'test-results');
/** Names the run's files, so runs with other settings can sit side by side. */
const runName = process.env.SOAK_NAME ?? 'wall-screen';
/** V8 switches for the page's browser, e.g. `--no-opt --no-maglev --no-sparkplug` to tell compiled code from data. */
const jsFlags = process.env.SOAK_JS_FLAGS;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

/**
 * Minutes a page takes to fill in on a loaded machine (every view drawn once, sparklines and their
 * listeners created): at minute 1 a page may still have half its listeners.
 */
const WARM_UP_MINUTES = 2;

/** MB per minute, least squares over the samples after the warm-up. */
function slope(samples: readonly { minute: number; heapUsedMB: number }[]): number {
  const xs = samples.filter((s) => s.minute >= WARM_UP_MINUTES);
  if (xs.length < 2) return 0;
  const mx = xs.reduce((a, s) => a + s.minute, 0) / xs.length;
  const my = xs.reduce((a, s) => a + s.heapUsedMB, 0) / xs.length;
  const num = xs.reduce((a, s) => a + (s.minute - mx) * (s.heapUsedMB - my), 0);
  const den = xs.reduce((a, s) => a + (s.minute - mx) ** 2, 0);
  return Math.round((num / den) * 10_000) / 10_000;
}

async function main(): Promise<void> {
  mkdirSync(resultsDir, { recursive: true });
  const id = uniqueTestId('soak');
  // Screens authenticate: the page gets a short-lived token issued for this key.
  const screenKey = testKey('soak-screen', 'screen', [UNIT]);
  const env = {
    ...accessEnvFor([screenKey]),
    KAFKA_BROKERS: kafkaBrokers,
    KAFKA_TOPIC_PREFIX: `${id}.`,
    CLICKHOUSE_URL: clickhouseUrl,
    CLICKHOUSE_DATABASE: id,
    INGEST_GROUP_ID: `${id}-ingest`,
    INGEST_BATCH_MAX_WAIT_MS: '50',
    COC_GATEWAY_INSTANCE_ID: id,
  };
  const ingest = await startApp('ingest', env);
  const gateway = await startApp('coc-gateway', env);
  const issued = await fetch(`${gateway.url}/api/v1/access/token`, {
    method: 'POST',
    headers: bearer(screenKey.secret),
  });
  if (!issued.ok) throw new Error(`no screen token (${issued.status})`);
  const { token } = (await issued.json()) as { token: string };
  const kafka = testKafka(id, { brokers: kafkaBrokers.split(','), logLevel: logLevel.ERROR });
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  const browser = await launchChromium(jsFlags ? [`--js-flags=${jsFlags}`] : []);
  let n = 0;
  const publish = async (source: SourceId, event: { unitCode: string }) => {
    const at = Date.now();
    await producer.send({
      topic: `${id}.${sourceTopic(source)}`,
      acks: -1,
      messages: [{ key: event.unitCode, value: JSON.stringify(event) }],
    });
    return at;
  };
  const stamp = () => {
    const t = new Date(Date.now() - 2_000).toISOString();
    return { unitCode: UNIT, occurredAt: t, producedAt: t };
  };
  const dossier = () => {
    n += 1;
    return exampleEnvelope(DossierReceived, {
      ...stamp(),
      eventId: `${id}-D${n}`,
      payload: {
        ...DossierReceived.example.payload,
        dossierId: `D${n}`,
        // Alternating keeps the ratio moving (odd counts above 50 %, even ones at 50 %), so every event shows.
        onCentralOneStop: n % 2 === 1,
        dueAt: new Date(Date.now() + 86_400_000).toISOString(),
      },
    });
  };
  try {
    // Latency: the government pillar's first page, where the tile keeps its place (no rotation within the run).
    const detail = await openWallScreen(
      browser,
      `${gateway.url}/screen/?unit=${UNIT}&view=digital_government&dwell=86400&token=${token}`,
    );
    const changedAt = () => detail.getAttribute(`.tile[data-kpi="${KPI}"]`, 'data-changed-at');
    const latencies: number[] = [];
    for (let i = 0; i < latencyEvents; i += 1) {
      const before = await changedAt();
      const at = await publish('onestop', dossier());
      const shown = await eventually(
        async () => {
          const now = await changedAt();
          if (now === before) throw new Error('not yet');
          return Number(now);
        },
        { timeoutMs: 30_000, intervalMs: 20 },
      );
      latencies.push(shown - at);
      await sleep(1_200);
    }
    const sorted = [...latencies].sort((a, b) => a - b);
    const latency =
      latencyEvents === 0
        ? undefined
        : {
            events: sorted.length,
            p50: percentile(sorted, 50),
            p95: percentile(sorted, 95),
            max: sorted[sorted.length - 1],
          };
    if (latency)
      report(`[soak] publish → tile changed over ${latency.events} events: ${JSON.stringify(latency)} ms`);
    await detail.close();

    // Soak: a page rotating its playlist (every view and page of it), sampled every minute.
    const page = await openWallScreen(
      browser,
      `${gateway.url}/screen/?unit=${UNIT}&playlist=overview,digital_government,alerts&dwell=${dwellSeconds}&token=${token}`,
    );

    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const sample = async (minute: number) => {
      await cdp.send('HeapProfiler.collectGarbage');
      const { metrics } = await cdp.send('Performance.getMetrics');
      const m = Object.fromEntries(metrics.map((x) => [x.name, x.value]));
      const row = {
        minute,
        heapUsedMB: Math.round((m.JSHeapUsedSize / 1_048_576) * 100) / 100,
        domNodes: m.Nodes,
        listeners: m.JSEventListeners,
        seq: Number(await page.getAttribute('body', 'data-seq')),
      };
      report(`[soak] ${JSON.stringify(row)}`);
      return row;
    };
    const snapshots: { minute: number; file: string; mb: ReturnType<typeof heapBreakdown> }[] = [];
    const snapshot = async (minute: number) => {
      const file = join(resultsDir, `${runName}-${minute}.heapsnapshot`);
      const json = await takeHeapSnapshot(cdp);
      writeFileSync(file, json);
      const mb = heapBreakdown(parseHeapSnapshot(json));
      snapshots.push({ minute, file, mb });
      report(`[soak] heap snapshot at minute ${minute} (${JSON.stringify(mb)} MB): ${file}`);
    };
    const samples = [await sample(0)];
    const end = Date.now() + soakMinutes * 60_000;
    let nextSample = Date.now() + 60_000;
    let tick = 0;
    while (Date.now() < end) {
      tick += 1;
      await publish('onestop', dossier());
      if (tick % 10 === 0) {
        const alert = {
          ...stamp(),
          eventId: `${id}-A${tick}-raised`,
          payload: { ...CameraAlertRaised.example.payload, alertId: `A${tick}` },
        };
        await publish('camera', exampleEnvelope(CameraAlertRaised, alert));
      }
      if (tick % 10 === 5) {
        const ack = {
          ...stamp(),
          eventId: `${id}-A${tick - 5}-ack`,
          payload: { ...CameraAlertAcknowledged.example.payload, alertId: `A${tick - 5}` },
        };
        await publish('camera', exampleEnvelope(CameraAlertAcknowledged, ack));
      }
      if (tick % 60 === 0) {
        const c = { ...CongestionStarted.example.payload, congestionId: `C${tick}` };
        await publish(
          'camera',
          exampleEnvelope(CongestionStarted, { ...stamp(), eventId: `${id}-C${tick}-s`, payload: c }),
        );
      }
      if (tick % 60 === 30 && tick > 60) {
        const c = { ...CongestionEnded.example.payload, congestionId: `C${tick - 30}` };
        await publish(
          'camera',
          exampleEnvelope(CongestionEnded, { ...stamp(), eventId: `${id}-C${tick}-e`, payload: c }),
        );
      }
      if (Date.now() >= nextSample) {
        const minute = samples.length;
        samples.push(await sample(minute));
        if (snapshotMinutes.includes(minute)) await snapshot(minute);
        nextSample += 60_000;
      }
      await sleep(tickMs);
    }
    const first = samples[WARM_UP_MINUTES] ?? samples[0];
    const last = samples[samples.length - 1];
    const growth =
      snapshots.length >= 2
        ? heapGrowth(
            parseHeapSnapshot(readFileSync(snapshots[0].file, 'utf8')),
            parseHeapSnapshot(readFileSync(snapshots[snapshots.length - 1].file, 'utf8')),
          )
        : [];
    for (const g of growth)
      report(
        `[soak] ${g.group}: ${g.countBefore} → ${g.countAfter} (${g.bytesBefore} → ${g.bytesAfter} B), ${g.newObjects} new; held by ${g.heldBy ?? '-'}`,
      );
    const heapSlopeMBPerMinute = slope(samples);
    const result = {
      latency,
      latencies,
      samples,
      events: n,
      tickMs,
      dwellSeconds,
      jsFlags,
      firstAfterWarmUp: first,
      last,
      heapSlopeMBPerMinute,
      heapSnapshots: snapshots.map((s) => ({ minute: s.minute, ...s.mb })),
      heapGrowth: growth,
    };
    writeFileSync(join(resultsDir, `${runName}-soak.json`), JSON.stringify(result, null, 2));
    if (snapshots.length >= 2) {
      const [a, b] = [snapshots[0], snapshots[snapshots.length - 1]];
      report(
        `[soak] snapshots, minute ${a.minute} → ${b.minute}: page objects ${a.mb.pageObjects} → ${b.mb.pageObjects} MB, compiled code ${a.mb.compiledCode} → ${b.mb.compiledCode} MB, browser-native ${a.mb.native} → ${b.mb.native} MB`,
      );
    }
    report(
      `[soak] ${soakMinutes} min, ${n} dossiers: heap ${first.heapUsedMB} → ${last.heapUsedMB} MB (slope ${heapSlopeMBPerMinute} MB/min), DOM nodes ${first.domNodes} → ${last.domNodes}, listeners ${first.listeners} → ${last.listeners}`,
    );
  } finally {
    await browser.close();
    await producer.disconnect();
    await Promise.all([ingest.stop(), gateway.stop()]);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
