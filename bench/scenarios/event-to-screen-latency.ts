import { createClient } from '@clickhouse/client';
import { logLevel, type Message, type Producer } from 'kafkajs';
import { identifier, rawEventsTable, sql } from '@libs/clickhouse';
import {
  CameraAlertRaised,
  DocumentRegistered,
  DossierReceived,
  KPI_CHANGES_TOPIC,
  SOURCE_IDS,
  exampleEnvelope,
  sourceTopic,
  type EventEnvelope,
  type ScreenDelta,
  type SourceId,
} from '@libs/contracts';
import {
  accessEnvFor,
  bearer,
  eventually,
  launchChromium,
  openWallScreen,
  startApp,
  testKafka,
  testKey,
  uniqueTestId,
  type AppProcess,
} from '@libs/testing';
import { bareRawRow } from '../lib/bare-raw-row';
import { benchHierarchy } from '../lib/bench-hierarchy';
import { ratio, round1, summarize } from '../lib/latency-summary';
import { peakRssMb, pidOf } from '../lib/process-memory';
import type { BenchContext, BenchResult, BenchScenario } from '../lib/scenario';
import { connectScreen, screenToken } from '../lib/screen-socket';
import { batchHolding, histogramMeanMs, loggedBatches, type LoggedBatch } from '../lib/stage-trace';

const KPI = 'tthc_dossiers_on_central_onestop_pct';
const BACKGROUND_PER_SECOND = 2_000;
const BACKGROUND_TICK_MS = 100;
/** Measured dossiers per second: each moves the tile's denominator by one, so every one is traced. */
const MEASURED_PER_SECOND = 5;
const BROWSER_SAMPLE = 20;
/** The bench's recomputation interval; the default (1 s) would hold back every second dossier. */
const COALESCE_MS = 100;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Event times a little in the past: today's tile counts them, the future-skew rule never applies. */
const stamp = () => {
  const t = new Date(Date.now() - 2_000).toISOString();
  return { occurredAt: t, producedAt: t };
};

/** A steady mix of dossiers, documents and camera alerts for the other communes, in 100 ms ticks. */
function backgroundLoad(producer: Producer, prefix: string, communes: readonly string[], runId: string) {
  let sent = 0;
  let stopped = false;
  const perTick = (BACKGROUND_PER_SECOND * BACKGROUND_TICK_MS) / 1000;
  const message = (n: number): { source: SourceId; message: Message } => {
    const unitCode = communes[n % communes.length];
    const eventId = `${runId}-bg${n}`;
    const base = { ...stamp(), unitCode, eventId };
    const kind = n % 3;
    const envelope =
      kind === 0
        ? exampleEnvelope(DossierReceived, {
            ...base,
            payload: { ...DossierReceived.example.payload, dossierId: `BG${n}` },
          })
        : kind === 1
          ? exampleEnvelope(DocumentRegistered, {
              ...base,
              payload: { ...DocumentRegistered.example.payload, documentId: `BG-${n}` },
            })
          : exampleEnvelope(CameraAlertRaised, {
              ...base,
              payload: { ...CameraAlertRaised.example.payload, alertId: `BG${n}` },
            });
    return { source: envelope.source, message: { key: unitCode, value: JSON.stringify(envelope) } };
  };
  const started = Date.now();
  const done = (async () => {
    while (!stopped) {
      const due = Math.floor(((Date.now() - started) / 1000) * BACKGROUND_PER_SECOND);
      const bySource = new Map<SourceId, Message[]>();
      for (let i = 0; sent < due && i < perTick * 5; i += 1, sent += 1) {
        const { source, message: m } = message(sent);
        bySource.set(source, [...(bySource.get(source) ?? []), m]);
      }
      if (bySource.size > 0) {
        await producer.sendBatch({
          acks: -1,
          topicMessages: [...bySource].map(([source, messages]) => ({
            topic: `${prefix}${sourceTopic(source)}`,
            messages,
          })),
        });
      }
      await sleep(BACKGROUND_TICK_MS);
    }
  })();
  return {
    sent: () => sent,
    async stop(): Promise<{ events: number; perSecond: number }> {
      stopped = true;
      await done;
      return { events: sent, perSecond: sent / ((Date.now() - started) / 1000) };
    },
  };
}

/** Rows stored in every raw table. */
async function storedCount(url: string, database: string): Promise<number> {
  const client = createClient({ url, database });
  try {
    const tables = SOURCE_IDS.map(
      (source) => sql`SELECT count() AS n FROM ${identifier(rawEventsTable(source))}`.text,
    );
    const result = await client.query({
      query: `SELECT sum(n) AS n FROM (${tables.join(' UNION ALL ')})`,
      format: 'JSONEachRow',
    });
    const [row] = await result.json<{ n: number | string }>();
    return Number(row?.n ?? 0);
  } finally {
    await client.close();
  }
}

/** The consecutive stages of a measured dossier's way to the screen; they add up to the whole. */
type Stage = 'sendToIngest' | 'ingestBatch' | 'noticeToGateway' | 'gatewayToScreen';

/**
 * Where each measured dossier's time went: Kafka send → ingest's batch began (sendToIngest) → its rows
 * acknowledged by ClickHouse (ingestBatch: validation and inserts) → the gateway's notice consumer
 * received the batch's notice (noticeToGateway: notice produce and fetch) → the socket got the delta
 * (gatewayToScreen: coalescing, recomputation, emit). Also the notice produce's own acknowledgement.
 */
function traceStages(trace: {
  measured: number;
  eventIdOf: (n: number) => string;
  producedAt: ReadonlyMap<string, number>;
  positionOf: ReadonlyMap<string, { partition: number; offset: string }>;
  notices: ReadonlyMap<string, { partition: number; offset: string; publishedAt: number }>;
  shownAt: (n: number) => number | undefined;
  ingestBatches: readonly LoggedBatch[];
  gatewayBatches: readonly LoggedBatch[];
}): { stages: Record<Stage, number[]>; noticeAck: number[]; untraced: number } {
  const stages: Record<Stage, number[]> = {
    sendToIngest: [],
    ingestBatch: [],
    noticeToGateway: [],
    gatewayToScreen: [],
  };
  const noticeAck: number[] = [];
  let untraced = 0;
  for (let n = 1; n <= trace.measured; n += 1) {
    const eventId = trace.eventIdOf(n);
    const sent = trace.producedAt.get(eventId);
    const position = trace.positionOf.get(eventId);
    const shown = trace.shownAt(n);
    const batch = position && batchHolding(trace.ingestBatches, position.partition, position.offset);
    const { startedAt, durableAt, announcedAt } = (batch?.fields ?? {}) as Record<string, number>;
    const notice = batch && trace.notices.get(new Date(startedAt).toISOString());
    const relayed = notice && batchHolding(trace.gatewayBatches, notice.partition, notice.offset);
    if (sent === undefined || shown === undefined || !relayed) {
      untraced += 1;
      continue;
    }
    stages.sendToIngest.push(startedAt - sent);
    stages.ingestBatch.push(durableAt - startedAt);
    stages.noticeToGateway.push(relayed.time - durableAt);
    stages.gatewayToScreen.push(shown - relayed.time);
    noticeAck.push(announcedAt - durableAt);
  }
  return { stages, noticeAck, untraced };
}

/** p50/p95/p99 of every stage, as figures. */
function stageFigures({ stages, noticeAck }: ReturnType<typeof traceStages>): Record<string, number> {
  const all: [string, number[]][] = [...Object.entries(stages), ['noticeAck', noticeAck]];
  return Object.fromEntries(
    all.flatMap(([stage, values]) => {
      if (values.length === 0) return [];
      const { p50, p95, p99 } = summarize(values);
      return [
        [`${stage}P50Ms`, p50],
        [`${stage}P95Ms`, p95],
        [`${stage}P99Ms`, p99],
      ];
    }),
  );
}

/**
 * From producing a dossier to a wall screen's socket receiving the changed tile, under a steady
 * background load on the other communes; the reference is the bare Kafka produce → consume latency of
 * the same dossiers (a kafkajs consumer of the same topic) in the same run.
 */
export const eventToScreenLatency: BenchScenario = {
  name: 'event-to-screen-latency',
  description:
    'Kafka produce → ingest → ClickHouse → change notice → gateway → screen socket (and Chromium for a sample), against a bare Kafka consume → ClickHouse insert of the same events',
  async run(context: BenchContext): Promise<BenchResult> {
    const measured = context.quick ? 100 : 1_000;
    const id = uniqueTestId('bench_latency');
    const prefix = `${id}.`;
    const map = benchHierarchy(1, 100);
    const [commune, ...others] = map.communes;
    const screenKey = testKey('bench-screen', 'screen', [commune]);
    const adminKey = testKey('bench-admin', 'admin', ['*']);
    const env = {
      ...accessEnvFor([screenKey, adminKey]),
      COC_UNITS_CSV: map.unitsCsv,
      KAFKA_TOPIC_PREFIX: prefix,
      CLICKHOUSE_DATABASE: id,
      INGEST_GROUP_ID: `${id}-ingest`,
      COC_GATEWAY_INSTANCE_ID: id,
      COC_SCREEN_COALESCE_MS: String(COALESCE_MS),
      // Both apps log each batch's offsets and times at debug level: the stages are traced from them.
      LOG_LEVEL: 'debug',
    };
    const apps: AppProcess[] = [];
    // Drops ingest's database and the bare reference's when done: a run leaves nothing behind.
    const store = createClient({ url: context.env.CLICKHOUSE_URL });
    const kafka = testKafka(id, { logLevel: logLevel.ERROR });
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    const backgroundProducer = kafka.producer();
    const bare = kafka.consumer({ groupId: `${id}-bare`, maxWaitTimeInMs: 100 });
    const browser = await launchChromium();
    let background: ReturnType<typeof backgroundLoad> | undefined;
    try {
      const ingest = await startApp('ingest', env);
      apps.push(ingest);
      const gateway = await startApp('coc-gateway', env);
      apps.push(gateway);
      await Promise.all([producer.connect(), backgroundProducer.connect(), bare.connect()]);
      const onestopTopic = `${prefix}${sourceTopic('onestop')}`;
      const noticesTopic = `${prefix}${KPI_CHANGES_TOPIC}`;
      const traceSince = Date.now();

      const producedAt = new Map<string, number>();
      const positionOf = new Map<string, { partition: number; offset: string }>();
      const consumedAt = new Map<string, number>();
      /** When the bare reference had each measured dossier stored (consumed, inserted, acknowledged). */
      const bareStoredAt = new Map<string, number>();
      // The bare reference's own table, of the raw table's structure, beside ingest's database.
      const bareTable = `${id}_bare.onestop_events`;
      await store.command({ query: `CREATE DATABASE ${id}_bare` });
      await store.command({ query: `CREATE TABLE ${bareTable} AS ${id}.${rawEventsTable('onestop')}` });
      /** The commune's change notices by the storedAt ingest gave them (its batch's start). */
      const notices = new Map<string, { partition: number; offset: string; publishedAt: number }>();
      const joined = new Promise<void>((resolve) => bare.on(bare.events.GROUP_JOIN, () => resolve()));
      await bare.subscribe({ topics: [onestopTopic, noticesTopic], fromBeginning: true });
      await bare.run({
        eachMessage: async ({ topic, partition, message }) => {
          if (topic === noticesTopic) {
            if (message.key?.toString() === commune && message.value) {
              const { storedAt } = JSON.parse(message.value.toString()) as { storedAt: string };
              const publishedAt = Number(message.timestamp);
              if (!notices.has(storedAt))
                notices.set(storedAt, { partition, offset: message.offset, publishedAt });
            }
          } else if (message.key?.toString() === commune && message.value) {
            const envelope = JSON.parse(message.value.toString()) as EventEnvelope;
            if (consumedAt.has(envelope.eventId)) return;
            consumedAt.set(envelope.eventId, Date.now());
            await store.insert({
              table: bareTable,
              values: [bareRawRow(envelope, Math.floor(Date.now() / 1000))],
              format: 'JSONEachRow',
            });
            bareStoredAt.set(envelope.eventId, Date.now());
          }
        },
      });
      await joined;

      const token = await screenToken(gateway.url, screenKey);
      const { socket, snapshot } = await connectScreen(gateway.url, token, commune);
      const baseline = snapshot.tiles.find((t) => t.kpiId === KPI)?.denominator ?? 0;
      // The tile's denominator counts today's dossiers: a delta showing n has every one up to n.
      const shownAt: { count: number; at: number }[] = [];
      socket.on('screen:delta', (delta: ScreenDelta) => {
        const tile = delta.tiles?.find((t) => t.kpiId === KPI);
        if (tile?.denominator != null) shownAt.push({ count: tile.denominator, at: Date.now() });
      });

      let dossiers = 0;
      const publishDossier = async (onCentralOneStop = true): Promise<{ eventId: string; at: number }> => {
        dossiers += 1;
        const eventId = `${id}-D${dossiers}`;
        const envelope = exampleEnvelope(DossierReceived, {
          ...stamp(),
          unitCode: commune,
          eventId,
          payload: {
            ...DossierReceived.example.payload,
            dossierId: `${id}-D${dossiers}`,
            onCentralOneStop,
            dueAt: new Date(Date.now() + 86_400_000).toISOString(),
          },
        });
        const at = Date.now();
        producedAt.set(eventId, at);
        const [sent] = await producer.send({
          topic: onestopTopic,
          acks: -1,
          messages: [{ key: commune, value: JSON.stringify(envelope) }],
        });
        positionOf.set(eventId, { partition: sent.partition, offset: sent.baseOffset ?? '-1' });
        return { eventId, at };
      };

      background = backgroundLoad(backgroundProducer, prefix, others, id);
      await sleep(5_000);
      context.log(`background load running; ${measured} dossiers at ${MEASURED_PER_SECOND}/s`);
      const start = Date.now();
      for (let i = 0; i < measured; i += 1) {
        await publishDossier();
        await sleep(Math.max(0, start + ((i + 1) * 1000) / MEASURED_PER_SECOND - Date.now()));
      }
      // Whether ingest kept up: of everything produced so far, the share already stored.
      const producedByEnd = background.sent() + measured;
      const storedByEnd = await storedCount(context.env.CLICKHOUSE_URL, id);
      await eventually(
        () => {
          const shown = shownAt.length > 0 ? Math.max(...shownAt.map((s) => s.count)) : baseline;
          if (shown < baseline + measured) throw new Error(`screen shows ${shown - baseline}/${measured}`);
          if (bareStoredAt.size < measured)
            throw new Error(`bare reference stored ${bareStoredAt.size}/${measured}`);
        },
        { timeoutMs: 300_000, intervalMs: 200 },
      );
      const load = await background.stop();
      // What the two ClickHouse-bound steps cost on average under the load: ingest's inserts, the gateway's queries.
      const admin = bearer(adminKey.secret);
      const ingestInsertMeanMs = await histogramMeanMs(ingest.url, 'coc_clickhouse_insert_seconds', admin);
      const gatewayKpiQueryMeanMs = await histogramMeanMs(gateway.url, 'coc_kpi_query_seconds', admin);
      const pipeline: number[] = [];
      const kafkaOnly: number[] = [];
      const bareStored: number[] = [];
      for (let n = 1; n <= measured; n += 1) {
        const eventId = `${id}-D${n}`;
        const sent = producedAt.get(eventId) ?? Number.NaN;
        const first = shownAt.find((s) => s.count >= baseline + n);
        if (!first) throw new Error(`dossier ${n} never shown`);
        pipeline.push(first.at - sent);
        kafkaOnly.push((consumedAt.get(eventId) ?? Number.NaN) - sent);
        bareStored.push((bareStoredAt.get(eventId) ?? Number.NaN) - sent);
      }
      socket.close();
      const stages = traceStages({
        measured,
        eventIdOf: (n) => `${id}-D${n}`,
        producedAt,
        positionOf,
        notices,
        shownAt: (n) => shownAt.find((s) => s.count >= baseline + n)?.at,
        ingestBatches: loggedBatches(ingest.logFile, sourceTopic('onestop'), traceSince),
        gatewayBatches: loggedBatches(gateway.logFile, KPI_CHANGES_TOPIC, traceSince),
      });
      context.log(`stages: ${JSON.stringify(stageFigures(stages))} (${stages.untraced} untraced)`);
      context.log(
        `socket: ${JSON.stringify(summarize(pipeline))} ms; bare Kafka → ClickHouse: ${JSON.stringify(summarize(bareStored))} ms; bare Kafka: ${JSON.stringify(summarize(kafkaOnly))} ms`,
      );

      // A sample in the real page: the tile's data-changed-at (the page's own clock, the same machine),
      // after the background load, which on a saturated machine leaves a backlog that would dominate it.
      const page = await openWallScreen(
        browser,
        `${gateway.url}/screen/?unit=${commune}&view=digital_government&dwell=86400&token=${token}`,
      );
      const changedAt = () => page.getAttribute(`.tile[data-kpi="${KPI}"]`, 'data-changed-at');
      const inBrowser: number[] = [];
      for (let i = 0; i < BROWSER_SAMPLE; i += 1) {
        const before = await changedAt();
        // Alternating moves the shown percentage every time (the page marks a tile changed when its value changes).
        const { at } = await publishDossier(i % 2 === 1);
        const shown = await eventually(
          async () => {
            const now = await changedAt();
            if (now === before) throw new Error('not yet');
            return Number(now);
          },
          { timeoutMs: 30_000, intervalMs: 10 },
        );
        inBrowser.push(shown - at);
        await sleep(300);
      }
      await page.close();

      const screen = summarize(pipeline);
      const reference = summarize(bareStored);
      const kafka = summarize(kafkaOnly);
      const browserSample = summarize(inBrowser);
      return {
        scenario: this.name,
        figures: {
          measuredEvents: measured,
          backgroundEventsPerSecond: Math.round(load.perSecond),
          screenP50Ms: screen.p50,
          screenP95Ms: screen.p95,
          screenP99Ms: screen.p99,
          screenMaxMs: screen.max,
          storedShareWhenMeasuredSent: Math.round((storedByEnd / producedByEnd) * 1000) / 1000,
          ...stageFigures(stages),
          ...(ingestInsertMeanMs !== undefined && { ingestInsertMeanMs }),
          ...(gatewayKpiQueryMeanMs !== undefined && { gatewayKpiQueryMeanMs }),
          bareStoredP50Ms: reference.p50,
          bareStoredP95Ms: reference.p95,
          bareStoredP99Ms: reference.p99,
          bareKafkaP50Ms: kafka.p50,
          bareKafkaP99Ms: kafka.p99,
          browserSampleEvents: browserSample.count,
          browserP50Ms: browserSample.p50,
          browserMaxMs: browserSample.max,
          gatewayPeakRssMb: round1(peakRssMb(pidOf(gateway.child))),
          ingestPeakRssMb: round1(peakRssMb(pidOf(ingest.child))),
        },
        ratios: {
          screenOverBareStoredP50: ratio(screen.p50, reference.p50),
          screenOverBareStoredP99: ratio(screen.p99, reference.p99),
        },
        targets: [{ name: 'screen p99 (ms)', value: screen.p99, comparison: '<=', threshold: 500 }],
        notes: [
          `${measured} dossiers to commune ${commune} at ${MEASURED_PER_SECOND}/s, each timed from the Kafka send to the first screen:delta whose tile counts it; background ${Math.round(load.perSecond)} events/s (dossiers, documents, camera alerts) to 99 other communes`,
          `gateway COC_SCREEN_COALESCE_MS=${COALESCE_MS} (default 1000: a tile is recomputed at most once per interval); ingest at its defaults`,
          `browser: ${BROWSER_SAMPLE} dossiers one at a time after the background load stopped, Kafka send → the page's tile data-changed-at (headless Chromium)`,
          "reference (bareStored): a bare kafkajs consumer of the same topic takes each measured dossier as it comes and inserts it alone as JSONEachRow into a table of the raw table's structure on the same ClickHouse, under the same load: the least an event goes through before a screen may count it (bareKafka: consumed only, beside it)",
          'storedShareWhenMeasuredSent: of all events produced when the last measured dossier was sent, the share ingest had stored (1 = kept up with the load)',
          `stages (ms, consecutive, adding up to the socket figure): sendToIngest = Kafka send → ingest's batch handler began; ingestBatch = validation and ClickHouse inserts acknowledged; noticeToGateway = change notice produced and fetched by the gateway's consumer; gatewayToScreen = coalescing, recomputation, emit, socket; noticeAck = the notice produce's acknowledgement (inside noticeToGateway); traced from both apps' debug logs and the notices' Kafka records (${stages.untraced} of ${measured} untraced)`,
          "ingestInsertMeanMs, gatewayKpiQueryMeanMs: means of coc_clickhouse_insert_seconds (one insert) and coc_kpi_query_seconds (one KPI query) from the apps' /metrics at the end of the measured phase",
          'peak RSS: VmHWM of the ingest and gateway processes over the whole scenario',
        ],
      };
    } finally {
      await background?.stop();
      await browser.close();
      await bare.disconnect();
      await Promise.all([producer.disconnect(), backgroundProducer.disconnect()]);
      await Promise.all(apps.map((a) => a.stop()));
      await store.command({ query: `DROP DATABASE IF EXISTS ${id}_bare` });
      await store.command({ query: `DROP DATABASE IF EXISTS ${id}` });
      await store.close();
    }
  },
};
