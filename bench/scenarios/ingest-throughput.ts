import { readFileSync } from 'node:fs';
import { createClient, type ClickHouseClient } from '@clickhouse/client';
import { Kafka, logLevel, type Admin } from 'kafkajs';
import { MIGRATIONS, migrate, rawEventsTable } from '@libs/clickhouse';
import { SOURCE_IDS, sourceTopic, type EventEnvelope, type SourceId } from '@libs/contracts';
import { simulateCommune, simulationWindow } from '@libs/connector-sdk';
import { kafkaClientConfig } from '@libs/kafka';
import {
  accessEnvFor,
  eventually,
  startApp,
  startPrivateClickHouse,
  testKafkaSecurity,
  testKafkaSecurityVars,
  uniqueTestId,
  type PrivateClickHouse,
} from '@libs/testing';
import type { BenchContext, BenchResult, BenchScenario } from '../lib/scenario';
import { startBareLoop } from './ingest-throughput/bare-loop';
import { watchConsumption, type ConsumptionRate } from './ingest-throughput/consumption-rate';
import { peerConfigFiles, startKafkaEnginePeer } from './ingest-throughput/kafka-engine-peer';

/** Two communes, three seeds, October and November: the mix the issue measured (≈ 400k events). */
const FULL_MIX = ['26734', '26740'].flatMap((unitCode) =>
  [1, 2, 3].flatMap((seed) =>
    [
      ['2026-10-01', '2026-10-31'],
      ['2026-11-01', '2026-11-30'],
    ].map(([from, to]) => ({ unitCode, seed, from, to })),
  ),
);
/** About 100k: fewer and the bare loop is done within a second, where polling granularity dominates. */
const QUICK_MIX = FULL_MIX.filter((m) => m.from === '2026-10-01' && m.seed <= 2).slice(0, 3);
const PARTITIONS = 3;
const QUICK_ROUNDS = 2;
const FULL_ROUNDS = 3;
/** The peer's batch thresholds: about ingest's (4 MiB per partition fetch, 500 ms wait). */
const PEER_BLOCK_ROWS = 10_000;
const PEER_FLUSH_MS = 500;

function simulate(quick: boolean): EventEnvelope[] {
  return (quick ? QUICK_MIX : FULL_MIX).flatMap(({ unitCode, seed, from, to }) =>
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
    // A record batch per partition stays well under the broker's 1 MB message.max.bytes.
    const chunk = 1_000;
    for (let i = 0; i < events.length; i += chunk) {
      const bySource = new Map<SourceId, { key: string; value: string }[]>();
      for (const e of events.slice(i, i + chunk)) {
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
    }
  } finally {
    await producer.disconnect();
  }
}

/** Distinct event ids stored across the raw tables: every leg must have stored every event. */
async function storedEventIds(clickhouse: ClickHouseClient): Promise<number> {
  let sum = 0;
  for (const source of SOURCE_IDS) {
    const result = await clickhouse.query({
      query: `SELECT uniqExact(event_id) AS n FROM ${rawEventsTable(source)}`,
      format: 'JSONEachRow',
    });
    sum += Number((await result.json<{ n: number | string }>())[0].n);
  }
  return sum;
}

/** Peak resident set of a process so far (VmHWM), in MB. */
function peakRssMb(pid: number): number {
  const line = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!line) throw new Error(`no VmHWM in /proc/${pid}/status`);
  return Number(line[1]) / 1024;
}

interface Leg {
  rate: ConsumptionRate;
  stored: number;
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
    const events = simulate(context.quick);
    const distinct = new Set(events.map((e) => e.eventId)).size;
    log(`simulated ${events.length} events (${distinct} distinct ids) in ${Date.now() - t0} ms`);
    await createTopics(admin, topicList);
    const t1 = Date.now();
    await produce(kafka, topics, events);
    log(`produced to ${prefix}* (${PARTITIONS} partitions each) in ${Date.now() - t1} ms`);

    clickhouseServer = await startPrivateClickHouse(
      peerConfigFiles(kafkaConfig, { blockRows: PEER_BLOCK_ROWS, flushMs: PEER_FLUSH_MS }),
    );
    const server = clickhouseServer;
    const database = async (name: string) => {
      const client = createClient({ url: server.url, database: name });
      const serverAdmin = createClient({ url: server.url });
      clients.push(client, serverAdmin);
      await migrate(serverAdmin, client, name, MIGRATIONS);
      return client;
    };
    const total = events.length;
    const checked = async (leg: string, rate: ConsumptionRate, client: ClickHouseClient): Promise<Leg> => {
      log(
        `${leg}: ${Math.round(rate.eventsPerSecond)} events/s (${rate.events} events in ${rate.seconds.toFixed(2)} s)`,
      );
      // The Kafka engine may commit a block before its view's insert is visible: give it a moment.
      const stored = await eventually(
        async () => {
          const n = await storedEventIds(client);
          if (n !== distinct) throw new Error(`${leg} stored ${n} distinct events of ${distinct}`);
          return n;
        },
        { timeoutMs: 15_000, intervalMs: 500 },
      );
      return { rate, stored };
    };

    // (i) The whole pipeline: the built ingest app, as deployed, with a fresh group and database.
    const profileDir = process.env.BENCH_INGEST_CPU_PROF_DIR;
    const runPipeline = async (name: string): Promise<Leg & { rssMb: number }> => {
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
        const rate = await watchConsumption(admin, name, topicList, total);
        const rssMb = peakRssMb(ingest.child.pid as number);
        return { ...(await checked('pipeline', rate, await database(name))), rssMb };
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
        return await checked('bare', await watchConsumption(admin, name, topicList, total), client);
      } finally {
        await loop.stop();
      }
    };

    // (iii) The peer: a new Kafka-engine group starts at the latest offset, so offset 0 is committed first.
    const runPeer = async (name: string): Promise<Leg> => {
      for (const topic of topicList) {
        const partitions = Array.from({ length: PARTITIONS }, (_, partition) => ({ partition, offset: '0' }));
        await admin.setOffsets({ groupId: name, topic, partitions });
      }
      const client = await database(name);
      await startKafkaEnginePeer(client, { brokers, groupId: name, topics });
      return checked('peer', await watchConsumption(admin, name, topicList, total), client);
    };

    // Rounds of the three legs in turn; each leg's best round counts: on a shared machine the
    // fastest round is the one least disturbed by others.
    const rounds = context.quick ? QUICK_ROUNDS : FULL_ROUNDS;
    const legs = { pipeline: [] as (Leg & { rssMb: number })[], bare: [] as Leg[], peer: [] as Leg[] };
    for (let round = 1; round <= rounds; round++) {
      legs.pipeline.push(await runPipeline(`${id}_pipeline_${round}`));
      legs.bare.push(await runBare(`${id}_bare_${round}`));
      legs.peer.push(await runPeer(`${id}_peer_${round}`));
    }
    const best = (runs: readonly Leg[]) => Math.max(...runs.map((r) => r.rate.eventsPerSecond));

    const figures = {
      events: total,
      pipelineEventsPerSecond: best(legs.pipeline),
      bareEventsPerSecond: best(legs.bare),
      peerEventsPerSecond: best(legs.peer),
      ingestPeakRssMb: Math.max(...legs.pipeline.map((r) => r.rssMb)),
    };
    const ratios = {
      pipelineOverBare: figures.pipelineEventsPerSecond / figures.bareEventsPerSecond,
      pipelineOverPeer: figures.pipelineEventsPerSecond / figures.peerEventsPerSecond,
    };
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
        `${rounds} rounds of the three legs in turn, each leg's best round counted; each rate runs from the first to the last offset commit of a fresh consumer group and database, polled every 50 ms (the first batch is not counted)`,
        'pipeline: the built ingest app with its default settings (validation, KPI input rows, de-duplication, change notices); bare: a kafkajs eachBatch loop, JSON.parse and JSONEachRow into the same raw tables, no validation',
        `peer: ClickHouse 18.16's Kafka engine, one table per topic and a materialized view into the same raw tables; envelope columns only (18.16 cannot read the payload object into a String: input_format_skip_unknown_fields=1 in its profile), authenticating with ${kafkaConfig.sasl ? 'SASL SCRAM through librdkafka' : 'no SASL'} to the same broker; blocks of ${PEER_BLOCK_ROWS} rows or ${PEER_FLUSH_MS} ms (ingest's own wait), not 65,536 rows or 7.5 s, so that it commits often enough to be timed like the others`,
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
