import { createClient } from '@clickhouse/client';
import type { AnalyticsStore } from '@libs/clickhouse';
import { logLevel, type Producer } from 'kafkajs';
import { identifier, rawEventsTable, sql } from '@libs/clickhouse';
import { SOURCE_IDS, sourceTopic } from '@libs/contracts';
import {
  type EvaluationOptions,
  filtersOf,
  findKpi,
  type KpiDefinition,
  type KpiEvaluation,
  kpiInputRowsOf,
} from '@libs/kpi';
import {
  type AppProcess,
  eventually,
  freePort,
  KPI_SCENARIOS,
  type KpiScenario,
  report,
  scenarioEnvelope,
  startApp,
  testServices,
  uniqueTestId,
  testKafka,
} from '@libs/testing';
import { ClickHouseKpiEngine } from './engine/clickhouse-kpi-engine';
import { ReferenceCountRepository } from './references/reference-count.repository';
import {
  dropTestDatabase,
  openTestDatabase,
  referenceCountRows,
  storeEvents,
} from '../test/kpi-store-test-kit';

/**
 * The hand-checked scenarios of @libs/kpi, through the ClickHouse engine: the numbers worked out
 * by hand, over the raw tables and over the rollup, and the same again once every event has been
 * stored a second time (separate insert blocks, before any merge or OPTIMIZE).
 */
const name = (s: KpiScenario) => (s.measureId ? `${s.kpiId} / ${s.measureId}` : s.kpiId);
const kpiOf = (s: KpiScenario): KpiDefinition => {
  const found = findKpi(s.kpiId);
  if (!found) throw new Error(`no KPI ${s.kpiId}`);
  return found;
};
const formulaOf = (s: KpiScenario) =>
  s.measureId
    ? (kpiOf(s).measures?.find((m) => m.id === s.measureId)?.formula ?? kpiOf(s).formula)
    : kpiOf(s).formula;

/** The scenario's options without its reference counts: the engine must read them from the store. */
async function storeReferences(client: AnalyticsStore, scenario: KpiScenario): Promise<EvaluationOptions> {
  const { references, ...options } = scenario.options;
  await new ReferenceCountRepository(client).upsert(referenceCountRows(references));
  return options;
}

function expectHandChecked(result: KpiEvaluation, scenario: KpiScenario): void {
  expect(result.numerator).toBe(scenario.expected.numerator);
  expect(result.denominator).toBe(scenario.expected.denominator);
  if (scenario.expected.value === null) expect(result.value).toBeNull();
  else expect(result.value).toBeCloseTo(scenario.expected.value, 9);
  expect(result.noData).toBeNull();
}

describe.each(KPI_SCENARIOS.map((s) => [name(s), s] as const))('scenario %s in ClickHouse', (_, scenario) => {
  let db: { id: string; client: AnalyticsStore };
  beforeAll(async () => {
    db = await openTestDatabase('kpi_scenario');
  });
  afterAll(() => dropTestDatabase(db.client, db.id));

  it(`gives the hand-worked N, D and value, also after a second delivery: ${scenario.description}`, async () => {
    const options = await storeReferences(db.client, scenario);
    const engines = [
      new ClickHouseKpiEngine(db.client, { rollups: false }),
      new ClickHouseKpiEngine(db.client),
    ];
    await storeEvents(db.client, scenario.events);
    for (const engine of engines)
      expectHandChecked(await engine.evaluate(kpiOf(scenario), options, scenario.measureId), scenario);
    await storeEvents(db.client, scenario.events);
    for (const engine of engines)
      expectHandChecked(await engine.evaluate(kpiOf(scenario), options, scenario.measureId), scenario);
  });
});

/** Scenarios whose event types no other chosen one reads or sends, so they can share one store. */
function disjointScenarios(): KpiScenario[] {
  const chosen: KpiScenario[] = [];
  const read = new Set<string>();
  const sent = new Set<string>();
  for (const scenario of KPI_SCENARIOS) {
    const reads = filtersOf(formulaOf(scenario)).map((f) => f.type);
    const sends = scenario.events.map((e) => e.type);
    if (reads.some((t) => sent.has(t)) || sends.some((t) => read.has(t) || sent.has(t))) continue;
    chosen.push(scenario);
    reads.forEach((t) => read.add(t));
    sends.forEach((t) => sent.add(t));
  }
  return chosen;
}

describe('scenarios published to Kafka and stored by the real ingest process', () => {
  const services = testServices();
  const id = uniqueTestId('kpi_ingest');
  const scenarios = disjointScenarios();
  // One store for all: ids prefixed per scenario (order within a scenario is kept).
  const events = scenarios.flatMap((s, i) => s.events.map((e) => ({ ...e, eventId: `s${i}-${e.eventId}` })));
  const distinctIds = new Set(events.map((e) => e.eventId)).size;
  const kafka = testKafka(id, { logLevel: logLevel.NOTHING });
  let producer: Producer;
  let client: AnalyticsStore;
  let ingest: AppProcess;

  beforeAll(async () => {
    const port = await freePort();
    ingest = await startApp(
      'ingest',
      {
        KAFKA_BROKERS: services.kafkaBrokers.join(','),
        KAFKA_TOPIC_PREFIX: `${id}.`,
        CLICKHOUSE_URL: services.clickhouseUrl,
        CLICKHOUSE_DATABASE: id,
        INGEST_GROUP_ID: `${id}-ingest`,
        INGEST_BATCH_MAX_WAIT_MS: '100',
        INGEST_SESSION_TIMEOUT_MS: '6000',
        // The scenarios run to December 2026; they are not clock-skewed sources.
        INGEST_MAX_FUTURE_SKEW_MS: String(10 * 365 * 86_400_000),
        INGEST_HTTP_PORT: String(port),
      },
      port,
    );
    producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    client = createClient({ url: services.clickhouseUrl, database: id });
  }, 120_000);

  afterAll(async () => {
    await ingest?.stop();
    await producer?.disconnect();
    await client?.command({ query: sql`DROP DATABASE IF EXISTS ${identifier(id)}`.text });
    await client?.close();
    const admin = kafka.admin();
    await admin.connect();
    await admin
      .deleteTopics({ topics: SOURCE_IDS.map((s) => `${id}.${sourceTopic(s)}`) })
      .catch(() => undefined);
    await admin.disconnect();
  });

  const publishAll = () =>
    producer.sendBatch({
      acks: -1,
      topicMessages: SOURCE_IDS.map((source) => ({
        topic: `${id}.${sourceTopic(source)}`,
        messages: events
          .filter((e) => e.source === source)
          .map((e) => ({ key: e.unitCode, value: JSON.stringify(scenarioEnvelope(e)) })),
      })).filter((t) => t.messages.length > 0),
    });

  const storedCount = async (expression: string, table: string): Promise<number> => {
    const rs = await client.query({
      query: `SELECT ${expression} AS n FROM ${table}`,
      format: 'JSONEachRow',
    });
    return Number((await rs.json<{ n: number | string }>())[0].n);
  };
  const storedIds = async () => {
    let n = 0;
    for (const source of SOURCE_IDS) n += await storedCount('uniqExact(event_id)', rawEventsTable(source));
    return n;
  };
  const physicalRows = async () => {
    let n = 0;
    for (const source of SOURCE_IDS) n += await storedCount('count()', rawEventsTable(source));
    return n;
  };

  it('gives every scenario its hand-worked numbers, and the same after Kafka redelivers all of it', async () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(8);
    report(
      `[kpi-ingest] ${scenarios.length} scenarios, ${events.length} events: ${scenarios.map(name).join(', ')}`,
    );
    // What ingest derives per delivery: the member rows of every record it stores.
    const memberRows = events.map((e) => kpiInputRowsOf(e));
    const perDelivery = memberRows.flat().length;
    const distinctMembers = new Set(memberRows.flat().map((r) => JSON.stringify(r))).size;
    await publishAll();
    await eventually(
      async () => {
        expect(await storedIds()).toBe(distinctIds);
        expect(
          await storedCount('uniqExact(input_id, unit_code, bucket, member, event_id)', 'kpi_input_members'),
        ).toBe(distinctMembers);
      },
      { timeoutMs: 60_000 },
    );
    const engines = [new ClickHouseKpiEngine(client, { rollups: false }), new ClickHouseKpiEngine(client)];
    const check = async () => {
      for (const scenario of scenarios) {
        const options = await storeReferences(client, scenario);
        for (const engine of engines) {
          expectHandChecked(await engine.evaluate(kpiOf(scenario), options, scenario.measureId), scenario);
        }
      }
    };
    await check();
    expect(distinctMembers).toBeGreaterThan(0);

    // Keep both deliveries side by side: no merge may hide a double count.
    for (const table of [
      ...SOURCE_IDS.map(rawEventsTable),
      'kpi_input_members',
      'kpi_input_hourly',
      'kpi_input_daily',
    ]) {
      await client.command({ query: sql`SYSTEM STOP MERGES ${identifier(id)}.${identifier(table)}`.text });
    }
    const rawBefore = await physicalRows();
    const membersBefore = await storedCount('count()', 'kpi_input_members');
    await publishAll();
    await eventually(
      async () => {
        expect(await physicalRows()).toBe(rawBefore + events.length);
        expect(await storedCount('count()', 'kpi_input_members')).toBe(membersBefore + perDelivery);
      },
      { timeoutMs: 60_000 },
    );
    await check();
  }, 240_000);
});
