import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { createClient } from '@clickhouse/client';
import type { AnalyticsStore } from '@libs/clickhouse';
import { identifier, rawEventsTable } from '@libs/clickhouse';
import { publishAll } from '@libs/connector-sdk';
import { KafkaTransport } from '@libs/kafka';
import { SOURCE_IDS } from '@libs/contracts';
import { KPI_CATALOG, type EvaluationOptions, type KpiEvaluation } from '@libs/kpi';
import { ClickHouseKpiEngine } from '@libs/kpi-store';
import {
  accessEnvFor,
  bearer,
  eventually,
  startApp,
  testKafkaSecurity,
  testKey,
  testServices,
  uniqueTestId,
  type AppProcess,
  type TestKey,
} from '@libs/testing';

export type Role = 'commune' | 'district' | 'province';

/** The status the ioc-sync of a level reports (its DeliveryService). */
export interface SyncStatus {
  appliedThrough: number | null;
  lastSeq: number;
  bytesSent: number;
  links: { url: string; requests: number; failures: number; lastSuccessAt: string | null }[];
}

const upstreamKeys = new Map<string, TestKey>();

/** The `ioc` key a parent issues to the child of this unit, scoped to it; one per unit and test file. */
export function upstreamKeyOf(unitCode: string): TestKey {
  const key = upstreamKeys.get(unitCode) ?? testKey(`ioc-${unitCode}`, 'ioc', [unitCode]);
  upstreamKeys.set(unitCode, key);
  return key;
}

/**
 * One installation in a test: its own ClickHouse database and topic prefix on the real services,
 * the built ioc-sync with its role and unit, and for a commune the built ingest its events go through.
 */
export class Level {
  readonly id: string;
  readonly env: Record<string, string>;
  readonly db: AnalyticsStore;
  ingest?: AppProcess;
  sync!: AppProcess;
  /** Every unit's key, for the status and whatever the test does as an operator. */
  readonly admin: TestKey;
  private transport?: KafkaTransport;

  /** `accepts`: the keys this level honours besides its admin's, e.g. its children's upstream keys. */
  constructor(
    readonly role: Role,
    readonly unitCode: string,
    upstreamUrls: readonly string[] = [],
    accepts: readonly TestKey[] = [],
  ) {
    const services = testServices();
    this.id = uniqueTestId(`sync_${role}_${unitCode}`);
    this.admin = testKey(`admin-${this.id}`, 'admin', ['*']);
    this.env = {
      ...accessEnvFor([this.admin, ...accepts]),
      ...(upstreamUrls.length > 0 ? { IOC_SYNC_UPSTREAM_KEY: upstreamKeyOf(unitCode).secret } : {}),
      KAFKA_BROKERS: services.kafkaBrokers.join(','),
      KAFKA_TOPIC_PREFIX: `${this.id}.`,
      CLICKHOUSE_URL: services.clickhouseUrl,
      CLICKHOUSE_DATABASE: this.id,
      INGEST_GROUP_ID: `${this.id}-ingest`,
      INGEST_BATCH_MAX_WAIT_MS: '100',
      IOC_SYNC_ROLE: role,
      IOC_SYNC_UNIT_CODE: unitCode,
      IOC_SYNC_UPSTREAM_URLS: upstreamUrls.join(','),
      IOC_SYNC_INTERVAL_MS: '200',
      IOC_SYNC_MARK_INTERVAL_MS: '1000',
      IOC_SYNC_BATCH_MAX_EVENTS: '1500',
      IOC_SYNC_REQUEST_TIMEOUT_MS: '3000',
      IOC_SYNC_RETRY_INITIAL_MS: '100',
      IOC_SYNC_RETRY_MAX_MS: '1000',
    };
    this.db = createClient({ url: services.clickhouseUrl, database: this.id });
  }

  async start(): Promise<this> {
    // The schema's owner is ingest: an upper level that runs none applies it with `main.js migrate`.
    if (this.role !== 'commune') await migrateWithIngest(this.env);
    if (this.role === 'commune') {
      this.ingest = await startApp('ingest', this.env);
      this.transport = new KafkaTransport({
        brokers: testServices().kafkaBrokers,
        security: testKafkaSecurity(),
        topicPrefix: this.env.KAFKA_TOPIC_PREFIX,
        log: () => undefined,
      });
    }
    this.sync = await startApp('ioc-sync', this.env);
    return this;
  }

  async publish(events: readonly unknown[]): Promise<void> {
    if (!this.transport) throw new Error(`${this.unitCode} is not a commune`);
    const report = await publishAll(events, this.transport, { batchSize: 500 });
    if (report.sent !== events.length) throw new Error(`published ${report.sent} of ${events.length}`);
  }

  /** Starts ioc-sync again on the port it had, where its children's links point. */
  async restartSync(): Promise<void> {
    const port = Number(new URL(this.sync.url).port);
    this.sync = await startApp('ioc-sync', { ...this.env, IOC_SYNC_PORT: String(port) }, port);
  }

  async status(): Promise<SyncStatus> {
    const res = await fetch(`${this.sync.url}/api/v1/sync/status`, { headers: bearer(this.admin.secret) });
    return (await res.json()) as SyncStatus;
  }

  /** One sample of this level's /metrics whose labels include `label` (e.g. child="26734"); undefined when absent. */
  async metric(name: string, label: string): Promise<number | undefined> {
    const res = await fetch(`${this.sync.url}/metrics`, { headers: bearer(this.admin.secret) });
    if (res.status !== 200) throw new Error(`/metrics answered ${res.status}`);
    const line = (await res.text()).split('\n').find((l) => l.startsWith(`${name}{`) && l.includes(label));
    return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
  }

  /** Distinct stored events per unit, over every source's raw table. */
  async storedEvents(unitCodes: readonly string[]): Promise<number> {
    let total = 0;
    for (const source of SOURCE_IDS) {
      const rs = await this.db.query({
        query: `SELECT uniqExact(event_id) AS n FROM ${identifier(rawEventsTable(source)).text} WHERE unit_code IN (${unitCodes.map((u) => `'${u}'`).join(',')})`,
        format: 'JSONEachRow',
      });
      total += Number((await rs.json<{ n: string }>())[0].n);
    }
    return total;
  }

  async rows<T>(query: string): Promise<T[]> {
    return (await this.db.query({ query, format: 'JSONEachRow' })).json<T>();
  }

  async stop(): Promise<void> {
    await this.sync?.stop();
    await this.ingest?.stop();
    await this.transport?.close();
    await this.db.command({ query: `DROP DATABASE IF EXISTS ${this.id}` });
    await this.db.close();
  }
}

function migrateWithIngest(env: Record<string, string>): Promise<void> {
  const main = resolve(__dirname, '..', '..', '..', 'dist', 'apps', 'ingest', 'main.js');
  return new Promise((done, fail) => {
    execFile(
      process.execPath,
      [main, 'migrate'],
      { env: { ...process.env, ...env } },
      (error, stdout, stderr) =>
        error ? fail(new Error(`ingest migrate failed: ${error.message}\n${stdout}${stderr}`)) : done(),
    );
  });
}

/** Waits until the commune's every stored event is at the upper level and the commune is fully delivered. */
export async function untilDelivered(
  commune: Level,
  upper: Level,
  expectedEvents: number,
  timeoutMs = 60_000,
) {
  await eventually(
    async () => {
      expect(await commune.storedEvents([commune.unitCode])).toBe(expectedEvents);
      expect(await upper.storedEvents([commune.unitCode])).toBe(expectedEvents);
      const status = await commune.status();
      expect(status.appliedThrough).toBe(status.lastSeq);
    },
    { timeoutMs, intervalMs: 500 },
  );
}

/** Every KPI and further measure of the catalog, evaluated by the same engine over one level's store. */
export async function everyKpi(db: AnalyticsStore, options: EvaluationOptions): Promise<KpiEvaluation[]> {
  const engine = new ClickHouseKpiEngine(db);
  const results: KpiEvaluation[] = [];
  for (const kpi of KPI_CATALOG) {
    results.push(await engine.evaluate(kpi, options));
    for (const measure of kpi.measures ?? []) results.push(await engine.evaluate(kpi, options, measure.id));
  }
  return results;
}
