import { createClient } from '@clickhouse/client';
import type { AnalyticsStore } from '@libs/clickhouse';
import type { Admin, Kafka, Producer } from 'kafkajs';
import { DossierReceived, sourceTopic, type SourceId } from '@libs/contracts';
import { MIGRATIONS, identifier, migrate, sql, type SqlFragment } from '@libs/clickhouse';
import {
  accessEnvFor,
  bearer,
  eventually,
  httpCall,
  report,
  testKafka,
  testKey,
  testServices,
  uniqueTestId,
  type GeneratedEvent,
} from '@libs/testing';

/** Dead-letter headers, as documented for DLQ consumers (literal on purpose: the test pins the wire). */
export const DLQ_HEADER = {
  code: 'coc-reject-code',
  reason: 'coc-reject-reason',
  topic: 'coc-source-topic',
  partition: 'coc-source-partition',
  offset: 'coc-source-offset',
} as const;

/** Communes valid today in the default hierarchy (26737 merged into 26734 on 1 July 2025). */
export const COMMUNES = ['26734', '26740'] as const;

export interface OutgoingMessage {
  value: string | null;
  partition?: number;
  key?: string;
}

/**
 * What every ingest integration test needs: its own database and topic prefix on the real
 * services, a Kafka producer and admin, and the env for a spawned ingest process.
 */
export class IngestTestKit {
  readonly services = testServices();
  /** Accepted by the apps of ingestEnv: /metrics and the details of /health are for administrators. */
  readonly adminKey = testKey('ops-admin', 'admin', ['*']);
  readonly id: string;
  readonly topicPrefix: string;
  readonly kafka: Kafka;
  readonly admin: Admin;
  readonly producer: Producer;
  clickhouse: AnalyticsStore;

  constructor(label: string, clickhouseUrl?: string) {
    this.id = uniqueTestId(label);
    this.topicPrefix = `${this.id}.`;
    this.kafka = testKafka(this.id);
    this.admin = this.kafka.admin();
    this.producer = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    this.clickhouse = this.clickhouseClient(clickhouseUrl ?? this.services.clickhouseUrl);
  }

  clickhouseClient(url: string): AnalyticsStore {
    return createClient({ url, database: this.id });
  }

  /** Reads from another ClickHouse (a private one the test controls) from now on. */
  async useClickHouse(url: string): Promise<void> {
    await this.clickhouse.close();
    this.clickhouse = this.clickhouseClient(url);
  }

  /** Env for a spawned ingest: this test's topics, database and group, plus overrides. */
  ingestEnv(overrides: Record<string, string> = {}): Record<string, string> {
    return {
      KAFKA_BROKERS: this.services.kafkaBrokers.join(','),
      KAFKA_TOPIC_PREFIX: this.topicPrefix,
      KAFKA_TOPIC_PARTITIONS: '3',
      CLICKHOUSE_URL: this.services.clickhouseUrl,
      CLICKHOUSE_DATABASE: this.id,
      INGEST_GROUP_ID: `${this.id}-ingest`,
      INGEST_SESSION_TIMEOUT_MS: '6000',
      ...accessEnvFor([this.adminKey]),
      ...overrides,
    };
  }

  topic(source: SourceId): string {
    return `${this.topicPrefix}${sourceTopic(source)}`;
  }

  async open(sources: readonly SourceId[] = ['onestop']): Promise<void> {
    await this.admin.connect();
    await this.producer.connect();
    await this.admin.createTopics({
      waitForLeaders: true,
      topics: sources.map((s) => ({ topic: this.topic(s), numPartitions: 3, replicationFactor: 1 })),
    });
  }

  async close(): Promise<void> {
    await this.producer.disconnect();
    await this.admin.disconnect();
    await this.clickhouse.close();
  }

  async createDatabase(url = this.services.clickhouseUrl): Promise<void> {
    const admin = createClient({ url });
    try {
      await admin.command({ query: sql`CREATE DATABASE IF NOT EXISTS ${identifier(this.id)}`.text });
    } finally {
      await admin.close();
    }
  }

  /** The schema the ingest would create, created now so the test can adjust it first. */
  async migrate(url = this.services.clickhouseUrl): Promise<void> {
    const admin = createClient({ url });
    try {
      await migrate(admin, this.clickhouse, this.id, MIGRATIONS);
    } finally {
      await admin.close();
    }
  }

  async stopMerges(...tables: string[]): Promise<void> {
    for (const table of tables) {
      await this.clickhouse.command({
        query: sql`SYSTEM STOP MERGES ${identifier(this.id)}.${identifier(table)}`.text,
      });
    }
  }

  async publish(topic: string, messages: readonly OutgoingMessage[], chunk = 1000): Promise<void> {
    for (let i = 0; i < messages.length; i += chunk) {
      await this.producer.send({ topic, acks: -1, messages: messages.slice(i, i + chunk) });
    }
  }

  async rows<T>(query: SqlFragment | string): Promise<T[]> {
    const text = typeof query === 'string' ? query : query.text;
    return (await this.clickhouse.query({ query: text, format: 'JSONEachRow' })).json<T>();
  }
}

/** How the raw table holds the ids `<prefix>-0 … <prefix>-(n-1)`: checks set equality without listing ids. */
export interface StoredIds {
  distinct: number;
  physical: number;
  final: number;
  foreign: number;
  lowest: number;
  highest: number;
  distinctIndexes: number;
}

export async function storedIds(
  kit: IngestTestKit,
  idPrefix: string,
  table = 'onestop_events',
): Promise<StoredIds> {
  const pattern = `^${idPrefix}-(0|[1-9][0-9]*)$`;
  const index = sql`toUInt64OrZero(extract(event_id, '[0-9]+$'))`;
  const [summary] = await kit.rows<Record<string, number | string>>(
    sql`SELECT uniqExact(event_id) AS distinct, count() AS physical,
  countIf(NOT match(event_id, ${pattern})) AS foreign,
  min(${index}) AS lowest, max(${index}) AS highest, uniqExact(${index}) AS distinctIndexes
FROM ${identifier(table)}`,
  );
  const [final] = await kit.rows<{ n: number | string }>(
    sql`SELECT count() AS n FROM ${identifier(table)} FINAL`,
  );
  return {
    distinct: Number(summary.distinct),
    physical: Number(summary.physical),
    final: Number(final.n),
    foreign: Number(summary.foreign),
    lowest: Number(summary.lowest),
    highest: Number(summary.highest),
    distinctIndexes: Number(summary.distinctIndexes),
  };
}

/** The same numbers for an exact match of n events, to compare in one assertion. */
export function exactly(n: number, physical: number): StoredIds {
  return { distinct: n, physical, final: n, foreign: 0, lowest: 0, highest: n - 1, distinctIndexes: n };
}

/** Distinct events per `unit|local date` from the hourly rollup (id sets merged), before any merge. */
export async function rollupDailyCounts(kit: IngestTestKit): Promise<Map<string, number>> {
  // Local day number: UTC+7 without DST, the same arithmetic as @libs/kpi's calendar.
  const rows = await kit.rows<{ unit_code: string; day: number | string; n: number | string }>(
    sql`SELECT unit_code, intDiv(toUInt32(hour) + 25200, 86400) AS day, uniqExactMerge(event_ids) AS n
FROM event_counts_hourly
WHERE type = ${DossierReceived.type}
GROUP BY unit_code, day`,
  );
  return new Map(
    rows.map((r) => [
      `${r.unit_code}|${new Date(Number(r.day) * 86_400_000).toISOString().slice(0, 10)}`,
      Number(r.n),
    ]),
  );
}

export async function activeParts(kit: IngestTestKit, table: string): Promise<number> {
  const [row] = await kit.rows<{ n: number | string }>(
    sql`SELECT count() AS n FROM system.parts WHERE database = ${kit.id} AND table = ${table} AND active`,
  );
  return Number(row.n);
}

export const toMessages = (events: readonly GeneratedEvent[]): OutgoingMessage[] =>
  events.map((e) => ({ key: e.unitCode, value: e.value }));

export interface HealthSample {
  at: number;
  status: number;
  body: string;
}

/** Polls /health in the background, keeping every answer (0 = no answer), until stopped; details need an admin `credential`. */
export function watchHealth(
  url: string,
  credential?: string,
  intervalMs = 200,
): { samples: HealthSample[]; stop(): Promise<void> } {
  const samples: HealthSample[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const at = Date.now();
      // Generous: CI shares two cores with the services, and a slow answer is not a 503.
      const headers = credential ? bearer(credential) : {};
      samples.push(
        await httpCall(`${url}/health`, { headers, timeoutMs: 10_000 }).then(
          ({ status, text }) => ({ at, status, body: text }),
          (error: unknown) => ({ at, status: 0, body: String(error) }),
        ),
      );
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  })();
  return {
    samples,
    async stop() {
      running = false;
      await loop;
    },
  };
}

/** Waits for a condition and reports how long it took. */
export async function timed<T>(label: string, fn: () => Promise<T>, timeoutMs: number): Promise<T> {
  const t0 = Date.now();
  const result = await eventually(fn, { timeoutMs, intervalMs: 250 });
  report(`[ingest-test] ${label} after ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return result;
}

export const seconds = (ms: number) => (ms / 1000).toFixed(1);

export interface DeadLetter {
  headers: Record<string, string>;
  value: Buffer;
}

/** Reads a DLQ topic from the beginning until a record whose headers `wanted` accepts arrives. */
export async function deadLetters(
  kit: IngestTestKit,
  topic: string,
  wanted: (headers: Record<string, string>) => boolean,
): Promise<DeadLetter[]> {
  const found: DeadLetter[] = [];
  const consumer = kit.kafka.consumer({ groupId: `${kit.id}-dlq-${Date.now()}` });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: ({ message }) => {
      const headers = Object.fromEntries(
        Object.entries(message.headers ?? {}).map(([k, v]) => [k, v?.toString() ?? '']),
      );
      if (wanted(headers)) found.push({ headers, value: message.value ?? Buffer.alloc(0) });
      return Promise.resolve();
    },
  });
  try {
    await timed(
      `a dead letter on ${topic}`,
      () => Promise.resolve(expect(found.length).toBeGreaterThan(0)),
      30_000,
    );
  } finally {
    await consumer.disconnect();
  }
  return found;
}
