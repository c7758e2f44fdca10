import { createClient, type ClickHouseClient } from '@clickhouse/client';
import { Kafka, logLevel, type Admin } from 'kafkajs';
import { MIGRATIONS, migrate, rawEventsTable } from '@libs/clickhouse';
import { SOURCE_IDS, sourceTopic, type EventEnvelope, type SourceId } from '@libs/contracts';
import { simulateCommune, simulationWindow } from '@libs/connector-sdk';
import { kafkaClientConfig } from '@libs/kafka';
import {
  accessEnvFor,
  startApp,
  startPrivateClickHouse,
  testKafkaSecurity,
  testKafkaSecurityVars,
  uniqueTestId,
  type PrivateClickHouse,
} from '@libs/testing';
import { peakRssMb, pidOf } from '../lib/process-memory';
import type { BenchContext, BenchResult, BenchScenario } from '../lib/scenario';
import { startBareLoop } from './ingest-throughput/bare-loop';
import {
  committedEvents,
  rateOf,
  watchProgress,
  type ConsumptionRate,
  type TimedShare,
} from './ingest-throughput/consumption-rate';
import {
  peerConfigFiles,
  peerGroupOf,
  retireKafkaEnginePeer,
  startKafkaEnginePeer,
} from './ingest-throughput/kafka-engine-peer';
import { median, relativeSpread } from '../lib/spread';
import { legOrder, type LegName } from './ingest-throughput/rounds';

/** Two communes, three seeds, October and November: the mix the issue measured (≈ 400k events). */
const MIX = ['26734', '26740'].flatMap((unitCode) =>
  [1, 2, 3].flatMap((seed) =>
    [
      ['2026-10-01', '2026-10-31'],
      ['2026-11-01', '2026-11-30'],
    ].map(([from, to]) => ({ unitCode, seed, from, to })),
  ),
);
/**
 * The quick run replays the same mix, in fewer rounds: with a smaller backlog the bare loop and the
 * peer are done within a second or two, where polling granularity and the peer's blocks dominate.
 */
const QUICK_ROUNDS = 3;
const FULL_ROUNDS = 5;
const PARTITIONS = 3;
/**
 * The share of the backlog each leg is timed over: after start-up and warm-up, before the last
 * partial batches (the Kafka engine flushes its last block on a timer, not when the topic ends).
 */
const TIMED: TimedShare = { from: 0.2, to: 0.8 };
/**
 * The peer's blocks: rows of about one of ingest's 4 MiB partition fetches; the flush interval
 * only ends a partial block, as at the end of the backlog, outside the timed share.
 */
const PEER_BLOCK_ROWS = 10_000;
const PEER_FLUSH_MS = 500;

function simulate(): EventEnvelope[] {
  return MIX.flatMap(({ unitCode, seed, from, to }) =>
    simulateCommune({ unitCode, seed, ...simulationWindow(from, to) }),
  );
}

/** Creates the topics, retrying while the new partitions' leaders are still being elected (KRaft). */
async function createTopics(admin: Admin, topics: readonly string[]): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await admin.createTopics({
        waitForLeaders: true,
        topics: topics.map((topic) => ({ topic, numPartitions: PARTITIONS, replicationFactor: 1 })),
      });
      return;
    } catch (error) {
      if (attempt >= 5 || (error as { retriable?: unknown }).retriable !== true) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250 * attempt));
    }
  }
}

async function produce(kafka: Kafka, topics: ReadonlyMap<SourceId, string>, events: EventEnvelope[]) {
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  try {
    // A record batch per partition stays well under the broker's 1 MB message.max.bytes; a few
    // requests in flight keep the broker busy (the order of the records does not matter here).
    const chunk = 1_000;
    const inFlight = 4;
    const send = async (from: number) => {
      const bySource = new Map<SourceId, { key: string; value: string }[]>();
      for (const e of events.slice(from, from + chunk)) {
        const list = bySource.get(e.source) ?? [];
        list.push({ key: e.unitCode, value: JSON.stringify(e) });
        bySource.set(e.source, list);
      }
      await producer.sendBatch({
        acks: -1,
        topicMessages: [...bySource].map(([source, messages]) => ({
          topic: topics.get(source) as string,
          messages,
        })),
      });
    };
    for (let i = 0; i < events.length; i += chunk * inFlight) {
      const starts = Array.from({ length: inFlight }, (_, k) => i + k * chunk).filter(
        (at) => at < events.length,
      );
      await Promise.all(starts.map(send));
    }
  } finally {
    await producer.disconnect();
  }
}

/**
 * Distinct event ids stored across the raw tables, in one single-threaded query: it is polled while
 * a leg runs, on the same server and CPUs as the leg, so it must cost little and the same for all.
 */
async function storedEventIds(clickhouse: ClickHouseClient): Promise<number> {
  const sum = SOURCE_IDS.map((s) => `(SELECT uniqExact(event_id) FROM ${rawEventsTable(s)})`).join(' + ');
  const result = await clickhouse.query({
    query: `SELECT ${sum} AS n`,
    format: 'JSONEachRow',
    clickhouse_settings: { max_threads: 1 },
  });
  return Number((await result.json<{ n: number | string }>())[0].n);
}

interface Leg {
  rate: ConsumptionRate;
  /** The ingest process's peak resident set (the pipeline leg only). */
  rssMb?: number;
}

async function run(context: BenchContext): Promise<BenchResult> {
  const { env } = context;
  const log = (line: string) => context.log(line);
  const id = uniqueTestId('bench_ingest');
  const prefix = `${id}.`;
  const topics = new Map(SOURCE_IDS.map((s) => [s, `${prefix}${sourceTopic(s)}`]));
  const topicList = [...topics.values()];
  const brokers = env.KAFKA_BROKERS;
  const kafkaConfig = kafkaClientConfig({
    clientId: id,
    brokers: brokers.split(','),
    security: testKafkaSecurity(env),
  });
  const kafka = new Kafka({ ...kafkaConfig, logLevel: logLevel.NOTHING });
  const admin: Admin = kafka.admin();
  await admin.connect();
  let clickhouseServer: PrivateClickHouse | undefined;
  const clients: ClickHouseClient[] = [];
  try {
    const t0 = Date.now();
    const events = simulate();
    const distinct = new Set(events.map((e) => e.eventId)).size;
    log(`simulated ${events.length} events (${distinct} distinct ids) in ${Date.now() - t0} ms`);
    await createTopics(admin, topicList);
    const t1 = Date.now();
    await produce(kafka, topics, events);
    log(`produced to ${prefix}* (${PARTITIONS} partitions each) in ${Date.now() - t1} ms`);

    clickhouseServer = await startPrivateClickHouse(peerConfigFiles(kafkaConfig, { flushMs: PEER_FLUSH_MS }));
    const server = clickhouseServer;
    const database = async (name: string) => {
      const client = createClient({ url: server.url, database: name });
      const serverAdmin = createClient({ url: server.url });
      clients.push(client, serverAdmin);
      await migrate(serverAdmin, client, name, MIGRATIONS);
      return client;
    };
    const total = events.length;
    /**
     * Times a running leg by the distinct events its raw tables hold (the same measure for all three:
     * the Kafka engine commits in coarse steps, after its inserts), then waits until its group has
     * committed everything, and drops its database. A peer keeps only its Kafka tables until the private
     * server goes with the scenario (see retireKafkaEnginePeer).
     */
    const timed = async (
      leg: string,
      name: string,
      client: ClickHouseClient,
      committed = () => committedEvents(admin, name, topicList),
      drop: (client: ClickHouseClient) => Promise<void> = async (c) => {
        await c.command({ query: `DROP DATABASE ${name}` });
      },
    ): Promise<Leg> => {
      const t0 = Date.now();
      const stored = await watchProgress(`${name} storing`, () => storedEventIds(client), distinct);
      const rate = rateOf(stored, distinct, TIMED);
      const t1 = Date.now();
      await watchProgress(`${name} committing`, committed, total);
      const t2 = Date.now();
      await drop(client);
      log(
        `${leg}: ${rate.lowerBound ? 'at least ' : ''}${Math.round(rate.eventsPerSecond)} events/s (${rate.events} events in ${rate.seconds.toFixed(2)} s); ` +
          `stored all ${((t1 - t0) / 1000).toFixed(1)} s after start, committed ${((t2 - t1) / 1000).toFixed(1)} s later` +
          `, dropped in ${((Date.now() - t2) / 1000).toFixed(1)} s`,
      );
      return { rate };
    };

    // (i) The whole pipeline: the built ingest app, as deployed, with a fresh group and database.
    const profileDir = process.env.BENCH_INGEST_CPU_PROF_DIR;
    const runPipeline = async (name: string): Promise<Leg> => {
      const client = await database(name);
      const ingest = await startApp(
        'ingest',
        {
          ...accessEnvFor([]),
          ...testKafkaSecurityVars(env),
          KAFKA_BROKERS: brokers,
          KAFKA_TOPIC_PREFIX: prefix,
          CLICKHOUSE_URL: server.url,
          CLICKHOUSE_DATABASE: name,
          INGEST_GROUP_ID: name,
        },
        undefined,
        { nodeArgs: profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [] },
      );
      try {
        const leg = await timed('pipeline', name, client);
        return { ...leg, rssMb: peakRssMb(pidOf(ingest.child)) };
      } finally {
        await ingest.stop();
      }
    };

    // (ii) The bare limit: the same records, straight into the same raw tables.
    const runBare = async (name: string): Promise<Leg> => {
      const client = await database(name);
      const loop = await startBareLoop(kafka, client, {
        groupId: name,
        topics: topicList,
        topicPrefix: prefix,
      });
      try {
        return await timed('bare', name, client);
      } finally {
        await loop.stop();
      }
    };

    // (iii) The peer: its groups are new and start at the earliest offset (auto_offset_reset above).
    const runPeer = async (name: string): Promise<Leg> => {
      const client = await database(name);
      await startKafkaEnginePeer(client, { brokers, groupId: name, topics, blockRows: PEER_BLOCK_ROWS });
      const committed = async () => {
        let sum = 0;
        for (const [source, topic] of topics)
          sum += await committedEvents(admin, peerGroupOf(name, source), [topic]);
        return sum;
      };
      return timed('peer', name, client, committed, retireKafkaEnginePeer);
    };

    // Rounds of the three legs, their order rotated each round; each round's own ratios, taken
    // minutes apart at most, and the median round counts: one disturbed leg moves neither.
    const rounds = context.quick ? QUICK_ROUNDS : FULL_ROUNDS;
    const runLeg: Record<LegName, (name: string) => Promise<Leg>> = {
      pipeline: runPipeline,
      bare: runBare,
      peer: runPeer,
    };
    const perRound: Record<LegName, number>[] = [];
    let ingestPeakRssMb = 0;
    for (let round = 1; round <= rounds; round++) {
      const rates = {} as Record<LegName, number>;
      for (const leg of legOrder(round)) {
        const t = Date.now();
        const result = await runLeg[leg](`${id}_${leg}_${round}`);
        ingestPeakRssMb = Math.max(ingestPeakRssMb, result.rssMb ?? 0);
        rates[leg] = result.rate.eventsPerSecond;
        log(`round ${round} ${leg}: leg took ${((Date.now() - t) / 1000).toFixed(1)} s in all`);
      }
      perRound.push(rates);
    }
    const overBare = perRound.map((r) => r.pipeline / r.bare);
    const overPeer = perRound.map((r) => r.pipeline / r.peer);
    const rounded = (values: number[]) => values.map((v) => v.toFixed(3)).join(', ');
    log(`pipeline/bare by round: ${rounded(overBare)}; pipeline/peer by round: ${rounded(overPeer)}`);

    const figures = {
      events: total,
      pipelineEventsPerSecond: median(perRound.map((r) => r.pipeline)),
      bareEventsPerSecond: median(perRound.map((r) => r.bare)),
      peerEventsPerSecond: median(perRound.map((r) => r.peer)),
      ingestPeakRssMb,
      pipelineOverBareRoundSpread: relativeSpread(overBare),
      pipelineOverPeerRoundSpread: relativeSpread(overPeer),
    };
    const ratios = { pipelineOverBare: median(overBare), pipelineOverPeer: median(overPeer) };
    return {
      scenario: ingestThroughput.name,
      figures,
      ratios,
      targets: [
        { name: 'pipelineOverBare', value: ratios.pipelineOverBare, comparison: '>=', threshold: 0.7 },
        { name: 'pipelineOverPeer', value: ratios.pipelineOverPeer, comparison: '>=', threshold: 1.0 },
      ],
      notes: [
        `${total} simulated events (${distinct} distinct ids; repeated seeds re-send ids, which de-duplication absorbs) on ${topicList.length} topics of ${PARTITIONS} partitions, all produced before any leg starts`,
        `${rounds} rounds of the three legs, their order rotated each round; each ratio is the median of the rounds' own ratios (by round: pipeline/bare ${rounded(overBare)}, pipeline/peer ${rounded(overPeer)}), each events/s the leg's median; a rate runs from the moment the raw tables hold ${TIMED.from * 100} % of the distinct events to the moment they hold ${TIMED.to * 100} % (start-up, first fetches, a fresh process's JIT, the last partial batches and flush timers left out, alike for all legs), polled every 100 ms by one single-threaded query (a leg that does that whole share between two polls is timed from the poll before: a lower bound of its rate); each leg has a fresh consumer group and database, and must then commit every offset`,
        'pipeline: the built ingest app with its default settings (validation, KPI input rows, de-duplication, change notices); bare: a kafkajs eachBatch loop, JSON.parse and JSONEachRow into the same raw tables, no validation',
        `peer: ClickHouse 18.16's Kafka engine, one table per topic and a materialized view into the same raw tables; envelope columns only (18.16 cannot read the payload object into a String: input_format_skip_unknown_fields=1 in its profile), authenticating with ${kafkaConfig.sasl ? 'SASL SCRAM through librdkafka' : 'no SASL'} to the same broker; blocks of ${PEER_BLOCK_ROWS} rows or ${PEER_FLUSH_MS} ms, not 65,536 rows or 7.5 s, so that it stores often enough to be timed like the others`,
        'all three write to one private ClickHouse 18.16 server of this run (deploy/local config plus the peer settings), the same binary as deploy/local',
      ],
    };
  } finally {
    await Promise.all(clients.map((c) => c.close()));
    await clickhouseServer?.destroy();
    await admin.deleteTopics({ topics: topicList }).catch((e: unknown) => log(`topics left: ${String(e)}`));
    await admin.disconnect();
  }
}

export const ingestThroughput: BenchScenario = {
  name: 'ingest-throughput',
  description:
    'events/s of the whole ingest pipeline against a bare kafkajs → ClickHouse loop and ClickHouse 18.16’s Kafka engine, same records, same run',
  run,
};
