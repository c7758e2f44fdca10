import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ClickHouseClient } from '@clickhouse/client';
import { logLevel, type Producer } from 'kafkajs';
import {
  DossierReceived,
  KPI_CHANGES_TOPIC,
  exampleEnvelope,
  type KpiInputsChanged,
  type ScreenDelta,
  type ScreenSnapshot,
} from '@libs/contracts';
import { accessEnvFor, bearer, eventually, freePort, testKafka, testKey, uniqueTestId } from '@libs/testing';
import { benchHierarchy, type BenchHierarchy } from '../lib/bench-hierarchy';
import { benchDatabase, storeEvents } from '../lib/bench-store';
import { ratio, round1, summarize, type LatencySummary } from '../lib/latency-summary';
import { peakRssMb, pidOf, rssMb } from '../lib/process-memory';
import { startFanOutGateway } from '../lib/fan-out-gateway';
import { inspectFlag, retainedMemory, startCpuProfile, type RetainedMemory } from '../lib/inspector-memory';
import { topSelfTime } from '../lib/cpu-profile';
import {
  histogramQuantile,
  histogramSince,
  scrapeHistogram,
  type HistogramScrape,
} from '../lib/prometheus-histogram';
import type { BenchContext, BenchResult, BenchScenario } from '../lib/scenario';
import { ScreenClientPool } from '../lib/screen-client-pool';
import { connectScreen, screenToken } from '../lib/screen-socket';
import { exited, forkTs, waitFor } from '../lib/ts-child';

/** Vietnam's communes after the 2025 reform, in 34 provinces. */
const NATIONAL_COMMUNES = 3_321;
const PROVINCES = 34;
const CLIENT_PROCESSES = 2;
const ROUND_TIMEOUT_MS = 120_000;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

interface ServerUnderTest {
  url: string;
  pid: number;
  /** Its inspector's port, through which its retained memory is read. */
  inspectPort: number;
  token: string;
  /**
   * The gateway loads each screen's sparklines after its snapshot (a series query per KPI for all the
   * screens opened together) and sends them in a delta; the bare server has none to send.
   */
  sendsSparklines: boolean;
  /** Makes the next update observable (the gateway needs new facts to show), before the notices go out. */
  prepareRound(round: number): Promise<void>;
  /** The gateway's notice → emit histogram so far (the bare server computes nothing). */
  noticeToEmit?(): Promise<HistogramScrape>;
  stop(): Promise<void>;
}

interface FanOutSize {
  screens: number;
  /** Communes the screens are spread over, one room each. */
  rooms: number;
}

interface FanOutFigures {
  connectSeconds: number;
  delivery: LatencySummary;
  deliveryMeanMs: number;
  missed: number;
  /** Notice → delta emitted over the rounds (the recomputation), when the server measures it. */
  noticeToEmit?: HistogramScrape;
  /** JS heap and external memory after a full GC, with the screens minus before them, per screen. */
  kbPerClient: number;
  /** The same from RSS, which moves with when V8 last collected: beside it, not the measure. */
  rssKbPerClient: number;
  peakRssMb: number;
}

/** One notice per unit, as ingest announces stored dossiers. */
async function announce(producer: Producer, topic: string, units: readonly string[]): Promise<void> {
  const now = new Date().toISOString();
  const notices = units.map((unitCode): KpiInputsChanged => ({
    unitCode,
    source: 'onestop',
    types: [DossierReceived.type],
    from: now,
    to: now,
    storedAt: now,
  }));
  await producer.send({
    topic,
    acks: -1,
    messages: notices.map((n) => ({ key: n.unitCode, value: JSON.stringify(n) })),
  });
}

/**
 * Waits until no socket has received anything for `quietMs` since `connectedAt` (snapshots' follow-ups
 * such as sparklines come a while after the snapshot, so "no delta yet" is not quiet).
 */
async function settle(pool: ScreenClientPool, quietMs: number, connectedAt: number): Promise<void> {
  await eventually(
    async () => {
      const last = Math.max(await pool.lastDelta(), connectedAt);
      if (Date.now() - last < quietMs) throw new Error('deltas still arriving');
    },
    { timeoutMs: 900_000, intervalMs: 500 },
  );
}

/** Connects a screen per entry of `units`, measures memory, then times `rounds` updates to every room. */
async function measure(
  server: ServerUnderTest,
  units: readonly string[],
  rooms: readonly string[],
  rounds: number,
  producer: Producer,
  topic: string,
  log: (line: string) => void,
): Promise<FanOutFigures> {
  await sleep(2_000);
  const before = rssMb(server.pid);
  const retainedBefore = await retainedMemory(server.inspectPort);
  const pool = ScreenClientPool.start(CLIENT_PROCESSES);
  try {
    const started = Date.now();
    const connected = await pool.connect(server.url, server.token, units);
    const connectSeconds = (Date.now() - started) / 1000;
    // Updates are timed on settled screens, as wall screens run for days: the sparklines' series
    // queries of a just-opened batch would otherwise compete with the updates' (and their delta come
    // first), and the memory read would depend on how far they had got.
    if (server.sendsSparklines) {
      await eventually(
        async () => {
          const loaded = await pool.withSparklines();
          if (loaded < connected) throw new Error(`sparklines on ${loaded} of ${connected} screens`);
        },
        { timeoutMs: 900_000, intervalMs: 500 },
      );
      log(
        `sparklines on every screen ${((Date.now() - started) / 1000 - connectSeconds).toFixed(1)} s after the last connected`,
      );
    }
    await settle(pool, 3_000, Date.now());
    const after = rssMb(server.pid);
    const retainedAfter = await retainedMemory(server.inspectPort);
    const retained = (m: RetainedMemory) => m.heapUsedMb + m.externalMb;
    log(
      `${connected} screens subscribed in ${connectSeconds.toFixed(1)} s; RSS ${before.toFixed(0)} → ${after.toFixed(0)} MB; ` +
        `retained after GC ${retained(retainedBefore).toFixed(1)} → ${retained(retainedAfter).toFixed(1)} MB`,
    );
    const latencies: number[] = [];
    let missed = 0;
    const emittedBefore = await server.noticeToEmit?.();
    const profileDir = server.sendsSparklines ? process.env.BENCH_GATEWAY_CPU_PROF_DIR : undefined;
    const stopProfile = profileDir ? await startCpuProfile(server.inspectPort) : undefined;
    for (let round = 1; round <= rounds; round += 1) {
      await server.prepareRound(round);
      const sentAt = Date.now();
      await announce(producer, topic, rooms);
      let times: (number | null)[] = [];
      await eventually(
        async () => {
          times = await pool.firstDeltasSince(sentAt);
          const waiting = times.filter((t) => t === null).length;
          if (waiting > 0) throw new Error(`${waiting} screens still waiting`);
        },
        { timeoutMs: ROUND_TIMEOUT_MS, intervalMs: 250 },
      ).catch(() => undefined);
      for (const t of times)
        if (t === null) missed += 1;
        else latencies.push(t - sentAt);
      // The gateway recomputes a screen at most once per COC_SCREEN_COALESCE_MS (1 s): rounds stay apart.
      await sleep(1_500);
    }
    const emittedAfter = await server.noticeToEmit?.();
    if (stopProfile && profileDir) {
      const profile = await stopProfile();
      mkdirSync(profileDir, { recursive: true });
      const file = join(profileDir, `gateway-fan-out-${units.length}-${Date.now()}.cpuprofile`);
      writeFileSync(file, JSON.stringify(profile));
      log(`the gateway's CPU profile of the timed updates: ${file}; most self time:`);
      for (const e of topSelfTime(profile, 12))
        log(`  ${e.selfPercent.toFixed(1)} %  ${e.selfMs} ms  ${e.name}`);
    }
    return {
      connectSeconds,
      delivery: summarize(latencies),
      deliveryMeanMs: latencies.reduce((sum, t) => sum + t, 0) / Math.max(1, latencies.length),
      missed,
      noticeToEmit: emittedBefore && emittedAfter ? histogramSince(emittedBefore, emittedAfter) : undefined,
      kbPerClient: ((retained(retainedAfter) - retained(retainedBefore)) * 1024) / connected,
      rssKbPerClient: ((after - before) * 1024) / connected,
      peakRssMb: peakRssMb(server.pid),
    };
  } finally {
    await pool.close();
  }
}

/**
 * The gateway's delivery split in two: (a) notice → delta emitted, the recomputation, from its own
 * histogram (quantiles only as fine as its buckets, the mean exact); (b) emit → screen received,
 * the fan-out proper, as the mean of the whole minus the mean of (a), set against bare's mean
 * notice → receipt (which computes nothing).
 */
function whereTheTimeGoes(
  n: string,
  product: FanOutFigures,
  reference: FanOutFigures,
): Record<string, number> {
  const emitted = product.noticeToEmit;
  if (!emitted || emitted.count === 0) return {};
  const recomputeMeanMs = (emitted.sum / emitted.count) * 1000;
  const fanOutMeanMs = product.deliveryMeanMs - recomputeMeanMs;
  return {
    [`gateway${n}NoticeToEmitP50Ms`]: Math.round(histogramQuantile(emitted, 0.5) * 1000),
    [`gateway${n}NoticeToEmitP99Ms`]: Math.round(histogramQuantile(emitted, 0.99) * 1000),
    [`gateway${n}NoticeToEmitMeanMs`]: Math.round(recomputeMeanMs),
    [`gateway${n}DeliveryMeanMs`]: Math.round(product.deliveryMeanMs),
    [`gateway${n}EmitToReceiptMeanMs`]: Math.round(fanOutMeanMs),
    [`bare${n}DeliveryMeanMs`]: Math.round(reference.deliveryMeanMs),
    [`gateway${n}EmitToReceiptOverBareMean`]: ratio(Math.max(0, fanOutMeanMs), reference.deliveryMeanMs),
  };
}

async function startGateway(
  id: string,
  map: BenchHierarchy,
  units: readonly string[],
  store: ClickHouseClient,
): Promise<
  ServerUnderTest & {
    capture(producer: Producer, topic: string): Promise<{ snapshot: ScreenSnapshot; delta: ScreenDelta }>;
  }
> {
  const screenKey = testKey('bench-fan-out', 'screen', [...map.provinces]);
  const inspectPort = await freePort();
  const adminKey = testKey('bench-fan-out-admin', 'admin', ['*']);
  const gateway = await startFanOutGateway(id, map, accessEnvFor([screenKey, adminKey]), [
    inspectFlag(inspectPort),
  ]);
  const token = await screenToken(gateway.url, screenKey);
  let dossiers = 0;
  const newDossiers = (round: number, communes: readonly string[]) => {
    const t = new Date(Date.now() - 2_000).toISOString();
    return storeEvents(
      store,
      communes.map((unitCode) => {
        dossiers += 1;
        return exampleEnvelope(DossierReceived, {
          eventId: `${id}-r${round}-${unitCode}`,
          unitCode,
          occurredAt: t,
          producedAt: t,
          payload: { ...DossierReceived.example.payload, dossierId: `${id}-D${dossiers}` },
        });
      }),
    );
  };
  return {
    url: gateway.url,
    pid: pidOf(gateway.child),
    inspectPort,
    token,
    sendsSparklines: true,
    prepareRound: (round) => newDossiers(round, units),
    noticeToEmit: () =>
      scrapeHistogram(gateway.url, 'coc_live_notice_to_emit_seconds', bearer(adminKey.secret)),
    /** A real snapshot and delta of the gateway's, for the bare server to send. */
    async capture(producer, topic) {
      const { socket, snapshot } = await connectScreen(gateway.url, token, units[0]);
      const delta = new Promise<ScreenDelta>((r) => socket.once('screen:delta', r));
      await newDossiers(0, [units[0]]);
      await announce(producer, topic, [units[0]]);
      return { snapshot, delta: await delta.finally(() => socket.close()) };
    },
    stop: () => gateway.stop(),
  };
}

async function startBare(
  id: string,
  topic: string,
  payload: { snapshot: ScreenSnapshot; delta: ScreenDelta },
): Promise<ServerUnderTest> {
  const port = await freePort();
  const inspectPort = await freePort();
  const child = forkTs(
    join(__dirname, '..', 'lib', 'bare-live-server.ts'),
    { BARE_PORT: String(port), BARE_TOPIC: topic, BARE_GROUP: `${id}-bare-${port}` },
    [inspectFlag(inspectPort)],
  );
  await waitFor(child, 'ready', 120_000);
  const set = waitFor(child, 'payload-set');
  child.send({ type: 'payload', ...payload });
  await set;
  return {
    url: `http://127.0.0.1:${port}`,
    pid: pidOf(child),
    inspectPort,
    token: 'none',
    sendsSparklines: false,
    prepareRound: () => Promise.resolve(),
    async stop() {
      child.kill('SIGTERM');
      await exited(child);
    },
  };
}

/**
 * Wall screens of every commune connected to the built gateway, an update (a change notice per
 * commune, after one new dossier each) delivered to every room; the same screens on a bare
 * socket.io server broadcasting the same payload to the same rooms on the same notices.
 */
export const fanOut: BenchScenario = {
  name: 'fan-out',
  description:
    'N screen sockets, one room per commune: delivery of an update and memory per client, gateway vs bare socket.io',
  async run(context: BenchContext): Promise<BenchResult> {
    // Screens opened and updated together share their reads, so every size has a room per screen;
    // the quick size fits its share of the five minutes (connecting is most of it).
    const sizes: FanOutSize[] = context.quick
      ? [{ screens: 500, rooms: 500 }]
      : [
          { screens: 1_000, rooms: 1_000 },
          { screens: NATIONAL_COMMUNES, rooms: NATIONAL_COMMUNES },
        ];
    const rounds = context.quick ? 3 : 5;
    const map = benchHierarchy(PROVINCES, NATIONAL_COMMUNES);
    const figures: Record<string, number> = {};
    const ratios: Record<string, number> = {};
    const targets: BenchResult['targets'][number][] = [];
    const kafka = testKafka(uniqueTestId('fan-out'), { logLevel: logLevel.ERROR });
    const producer = kafka.producer();
    await producer.connect();
    try {
      for (const { screens, rooms: roomCount } of sizes) {
        const id = uniqueTestId(`bench_fanout_${screens}`);
        const topic = `${id}.${KPI_CHANGES_TOPIC}`;
        const rooms = map.communes.slice(0, roomCount);
        const units = Array.from({ length: screens }, (_, i) => rooms[i % rooms.length]);
        const store = await benchDatabase(context.env.CLICKHOUSE_URL, id);
        const gateway = await startGateway(id, map, rooms, store);
        let payload: { snapshot: ScreenSnapshot; delta: ScreenDelta };
        let product: FanOutFigures;
        try {
          payload = await gateway.capture(producer, topic);
          context.log(`${screens} screens in ${roomCount} rooms on the gateway`);
          product = await measure(gateway, units, rooms, rounds, producer, topic, (line) =>
            context.log(line),
          );
        } finally {
          await gateway.stop();
          await store.command({ query: `DROP DATABASE IF EXISTS ${id}` });
          await store.close();
        }
        context.log(`${screens} screens in ${roomCount} rooms on bare socket.io`);
        const bare = await startBare(id, topic, payload);
        let reference: FanOutFigures;
        try {
          reference = await measure(bare, units, rooms, rounds, producer, topic, (line) => context.log(line));
        } finally {
          await bare.stop();
        }
        const n = String(screens);
        Object.assign(figures, {
          [`rooms${n}`]: roomCount,
          [`gateway${n}ConnectSeconds`]: round1(product.connectSeconds),
          [`gateway${n}P50Ms`]: product.delivery.p50,
          [`gateway${n}P99Ms`]: product.delivery.p99,
          [`gateway${n}MissedDeliveries`]: product.missed,
          [`gateway${n}KbPerClient`]: round1(product.kbPerClient),
          [`gateway${n}RssKbPerClient`]: round1(product.rssKbPerClient),
          [`gateway${n}PeakRssMb`]: round1(product.peakRssMb),
          [`bare${n}ConnectSeconds`]: round1(reference.connectSeconds),
          [`bare${n}P50Ms`]: reference.delivery.p50,
          [`bare${n}P99Ms`]: reference.delivery.p99,
          [`bare${n}MissedDeliveries`]: reference.missed,
          [`bare${n}KbPerClient`]: round1(reference.kbPerClient),
          [`bare${n}RssKbPerClient`]: round1(reference.rssKbPerClient),
          [`bare${n}PeakRssMb`]: round1(reference.peakRssMb),
        });
        Object.assign(figures, whereTheTimeGoes(n, product, reference));
        const p99 = ratio(product.delivery.p99, reference.delivery.p99);
        const memory = ratio(product.kbPerClient, reference.kbPerClient);
        Object.assign(ratios, {
          [`gatewayOverBare${n}P50`]: ratio(product.delivery.p50, reference.delivery.p50),
          [`gatewayOverBare${n}P99`]: p99,
          [`gatewayOverBare${n}MemoryPerClient`]: memory,
        });
        targets.push(
          { name: `${n} screens: delivery p99 gateway/bare`, value: p99, comparison: '<=', threshold: 1.5 },
          {
            name: `${n} screens: memory per client gateway/bare`,
            value: memory,
            comparison: '<=',
            threshold: 1.5,
          },
        );
      }
    } finally {
      await producer.disconnect();
    }
    return {
      scenario: this.name,
      figures,
      ratios,
      targets,
      notes: [
        `screens: socket.io-client, websocket only, in ${CLIENT_PROCESSES} child processes; a room per commune (quick: 500 screens; full: 1,000 and 3,321), communes spread over ${PROVINCES} provinces; ${rounds} updates each`,
        'an update: one new dossier stored per commune (product schema and KPI input rows), then one change notice per commune on the notices topic; delivery = notice sent → the first screen:delta of each screen',
        'bare: a socket.io server in a child process (same namespace and rooms, no auth/admission/audit/state) consuming the same notices and emitting a real gateway delta of that run',
        'gateway env for the bench: COC_SCREEN_MAX_CONNECTIONS=3421, COC_SCREEN_ADMIT_PER_SECOND=500 and _BURST=500 (defaults 2000, 20, 40); one screen key scoped to the 34 provinces, one token for all sockets',
        "where the time goes (figures, not the target): NoticeToEmit = notice → delta emitted, the recomputation, from the gateway's coc_live_notice_to_emit_seconds histogram (p50/p99 interpolated in its buckets 1, 2.5, 5, 10 s…, mean exact); EmitToReceiptMean = delivery mean minus that mean, the fan-out proper, set against bare's delivery mean (bare computes nothing); the target row stays notice → first delta",
        "memory per client: JS heap and external memory after a full garbage collection (through each server's inspector), once every screen subscribed and the deltas settled, minus the same before the first screen, over the screens; RSS the same way beside it (it moves with when V8 last collected)",
      ],
    };
  },
};
