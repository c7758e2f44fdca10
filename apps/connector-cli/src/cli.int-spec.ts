import { createClient } from '@clickhouse/client';
import type { AnalyticsStore } from '@libs/clickhouse';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SOURCE_IDS, type EventEnvelope } from '@libs/contracts';
import { identifier, rawEventsTable, sql } from '@libs/clickhouse';
import { parseNdjson, simulateCommune, simulationWindow } from '@libs/connector-sdk';
import { localDateOf } from '@libs/admin-units';
import {
  eventually,
  freePort,
  report,
  startApp,
  testKafkaSecurityVars,
  testServices,
  uniqueTestId,
  type AppProcess,
} from '@libs/testing';

const REPO = resolve(__dirname, '..', '..', '..');
const CLI = join(REPO, 'dist', 'apps', 'connector-cli', 'main.js');
const EXAMPLES = join(REPO, 'apps', 'connector-cli', 'examples');
const DAY_MS = 86_400_000;

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The built CLI as an operator runs it: its own process, flags and environment. */
function runCli(args: string[], env: Record<string, string>): Promise<CliRun> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" first`);
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: REPO,
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

const examples = (name: string) => join(EXAMPLES, name);
const idsOf = (file: string) =>
  parseNdjson(readFileSync(file, 'utf8')).records.map((r) => (r as EventEnvelope).eventId);

/**
 * The connector CLI against real parts: the built `coc` publishes to the Kafka broker (or posts to
 * the built ingest process over HTTP), ingest stores into the ClickHouse server, and ClickHouse must
 * hold exactly the events the simulator generates for the same options.
 */
describe('coc CLI: simulate, publish and backfill → Kafka / HTTP → ingest → ClickHouse', () => {
  const services = testServices();
  const id = uniqueTestId('cli');
  const unitCode = '26734';
  const seed = 7;
  const qlvbKey = `${id}-qlvb-secret`;
  // Three whole local days that are over, so the simulator clips nothing to "now".
  const [from, to] = [4, 2].map((daysAgo) => localDateOf(new Date(Date.now() - daysAgo * DAY_MS)));
  // The CLI runs with only these variables: the broker's SASL settings are passed on explicitly.
  const kafkaSecurity = testKafkaSecurityVars();
  const kafkaEnv = {
    KAFKA_BROKERS: services.kafkaBrokers.join(','),
    KAFKA_TOPIC_PREFIX: `${id}.`,
    ...kafkaSecurity,
  };
  let ingest: AppProcess;
  let clickhouse: AnalyticsStore;
  let workDir: string;

  async function storedIds(): Promise<Set<string>> {
    const ids = new Set<string>();
    for (const source of SOURCE_IDS) {
      const rows = await (
        await clickhouse.query({
          query: sql`SELECT DISTINCT event_id FROM ${identifier(rawEventsTable(source))}`.text,
          format: 'JSONEachRow',
        })
      ).json<{ event_id: string }>();
      for (const row of rows) ids.add(row.event_id);
    }
    return ids;
  }

  async function rejectCount(): Promise<number> {
    const rows = await (
      await clickhouse.query({ query: 'SELECT count() AS n FROM ingest_rejects', format: 'JSONEachRow' })
    ).json<{ n: number | string }>();
    return Number(rows[0].n);
  }

  beforeAll(async () => {
    workDir = mkdtempSync(join(tmpdir(), `${id}-`));
    clickhouse = createClient({ url: services.clickhouseUrl, database: id });
    const port = await freePort();
    ingest = await startApp(
      'ingest',
      {
        ...kafkaEnv,
        CLICKHOUSE_URL: services.clickhouseUrl,
        CLICKHOUSE_DATABASE: id,
        INGEST_GROUP_ID: `${id}-ingest`,
        INGEST_HTTP_PORT: String(port),
        INGEST_BATCH_MAX_WAIT_MS: '100',
        COC_ACCESS_KEYS: JSON.stringify([
          {
            id: 'qlvb-backfill',
            sha256: createHash('sha256').update(qlvbKey).digest('hex'),
            role: 'connector',
            units: [unitCode],
            sources: ['qlvb'],
          },
        ]),
      },
      port,
    );
  });

  afterAll(async () => {
    await ingest?.stop();
    await clickhouse?.close();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  it('simulates three days of a commune straight to Kafka, and ClickHouse holds exactly those events', async () => {
    const run = await runCli(
      [
        'simulate',
        '--unit',
        unitCode,
        '--from',
        from,
        '--to',
        to,
        '--seed',
        String(seed),
        '--transport',
        'kafka',
      ],
      kafkaEnv,
    );
    report(`[cli] coc simulate ${from}..${to}: ${run.stdout.trim()}`);
    // stderr may show kafkajs retrying a fresh broker's coordinator; the exit code is what counts.
    expect(run.code).toBe(0);

    const expected = simulateCommune({ unitCode, ...simulationWindow(from, to), seed });
    expect(expected.length).toBeGreaterThan(2000);
    expect(run.stdout).toContain(`sent ${expected.length} of ${expected.length} events to kafka`);

    const wanted = new Set(expected.map((e) => e.eventId));
    const stored = await eventually(
      async () => {
        const ids = await storedIds();
        expect(ids.size).toBeGreaterThanOrEqual(wanted.size);
        return ids;
      },
      { timeoutMs: 90_000, intervalMs: 500 },
    );
    const missing = [...wanted].filter((e) => !stored.has(e));
    const unexpected = [...stored].filter((e) => !wanted.has(e));
    report(
      `[cli] ClickHouse ${id}: ${stored.size} distinct events, ${missing.length} missing, ${unexpected.length} unexpected`,
    );
    expect({ missing: missing.slice(0, 5), unexpected: unexpected.slice(0, 5) }).toEqual({
      missing: [],
      unexpected: [],
    });
    expect(stored.size).toBe(expected.length);
    expect(await rejectCount()).toBe(0);

    // Same facts, not just the same ids: payloads and times of a sample from each source.
    for (const source of SOURCE_IDS) {
      const sample = expected.filter((e) => e.source === source).slice(0, 20);
      if (sample.length === 0) continue;
      const rows = await (
        await clickhouse.query({
          query:
            sql`SELECT event_id, type, toUnixTimestamp(occurred_at) AS at, payload FROM ${identifier(rawEventsTable(source))} WHERE event_id IN ${sample.map((e) => e.eventId)}`
              .text,
          format: 'JSONEachRow',
        })
      ).json<{ event_id: string; type: string; at: number | string; payload: string }>();
      const byId = new Map(rows.map((r) => [r.event_id, r]));
      for (const e of sample) {
        const row = byId.get(e.eventId);
        expect(
          row && { type: row.type, at: Number(row.at), payload: JSON.parse(row.payload) as unknown },
        ).toEqual({
          type: e.type,
          at: Date.parse(e.occurredAt) / 1000,
          payload: e.payload,
        });
      }
    }
  });

  it('publishes the example NDJSON to Kafka', async () => {
    const file = examples('events.ndjson');
    const run = await runCli(['publish', file, '--transport', 'kafka'], kafkaEnv);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('sent 8 of 8 events to kafka');
    const ids = idsOf(file);
    await eventually(async () => {
      const stored = await storedIds();
      expect(ids.filter((e) => !stored.has(e))).toEqual([]);
    });
  });

  it('reports refused lines by number with the reason and never sends them', async () => {
    const valid = JSON.parse(readFileSync(examples('events.ndjson'), 'utf8').split('\n')[1]) as EventEnvelope;
    const good = { ...valid, eventId: `${valid.eventId}-copy` };
    const bad = { ...valid, eventId: `${valid.eventId}-bad`, payload: { ...valid.payload, channel: 'fax' } };
    const file = join(workDir, 'mixed.ndjson');
    writeFileSync(file, [JSON.stringify(good), JSON.stringify(bad), '{"eventId": "truncated'].join('\n'));

    const run = await runCli(['publish', file, '--brokers', services.kafkaBrokers.join(',')], {
      KAFKA_TOPIC_PREFIX: `${id}.`,
      ...kafkaSecurity,
    });

    expect(run.code).toBe(2);
    expect(run.stdout).toContain('sent 1 of 3 events');
    expect(run.stdout).toMatch(
      new RegExp(`line 2 ${bad.eventId}: invalid_payload: payload\\.channel must be one of`),
    );
    expect(run.stdout).toContain('line 3: invalid_json: line 3 is not JSON');
    await eventually(async () => expect((await storedIds()).has(good.eventId)).toBe(true));
    expect((await storedIds()).has(bad.eventId)).toBe(false);
    expect(await rejectCount()).toBe(0);
  });

  it('backfills the example CSV over HTTP with the mapping, local times at +07:00', async () => {
    const args = ['backfill', examples('documents.csv'), '--mapping', examples('documents.mapping.json')];
    const run = await runCli([...args, '--url', ingest.url], { COC_API_KEY: qlvbKey });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`sent 5 of 5 events to http ${ingest.url}`);

    const rows = await eventually(async () => {
      const found = await (
        await clickhouse.query({
          query:
            sql`SELECT event_id, toUnixTimestamp(occurred_at) AS at, payload FROM qlvb_events WHERE event_id LIKE ${'qlvb-26734-VBDEN-2026-0046%-registered'} ORDER BY event_id`
              .text,
          format: 'JSONEachRow',
        })
      ).json<{ event_id: string; at: number | string; payload: string }>();
      expect(found).toHaveLength(5);
      return found;
    });
    expect(Number(rows[0].at)).toBe(Date.parse('2026-11-17T08:12:00+07:00') / 1000);
    expect(JSON.parse(rows[0].payload)).toEqual({
      documentId: 'VBDEN-2026-004601',
      direction: 'incoming',
      channel: 'interlinked',
      secret: false,
      documentType: 'Công văn',
    });
    expect(JSON.parse(rows[4].payload)).toEqual({
      documentId: 'VBDEN-2026-004605',
      direction: 'incoming',
      channel: 'paper',
      secret: true,
    });
  });

  it('fails at once, saying why, when the Kafka topics do not exist', async () => {
    const started = Date.now();
    const run = await runCli(['publish', examples('events.ndjson')], {
      ...kafkaEnv,
      KAFKA_TOPIC_PREFIX: `${id}-missing.`,
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`error: Kafka topics ${id}-missing.coc.qlvb.events.v1`);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('fails with the server’s message when the API key in --api-key-file is wrong', async () => {
    const args = ['backfill', examples('documents.csv'), '--mapping', examples('documents.mapping.json')];
    const keyFile = join(workDir, 'wrong.key');
    writeFileSync(keyFile, 'not-a-key\n', { mode: 0o600 });
    const run = await runCli([...args, '--url', ingest.url, '--api-key-file', keyFile], {
      COC_API_KEY: qlvbKey,
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error: ingest refused the batch \(HTTP 401\): .+/);
  });

  it('takes no secret on the command line: --api-key is an unknown option', async () => {
    const run = await runCli(
      ['publish', examples('events.ndjson'), '--url', ingest.url, '--api-key', qlvbKey],
      {},
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("error: unknown option '--api-key'");
  });

  it('is refused by the broker with a wrong Kafka password, and says so', async () => {
    expect(kafkaSecurity.KAFKA_SASL_MECHANISM).toBeDefined();
    const run = await runCli(['publish', examples('events.ndjson'), '--transport', 'kafka'], {
      ...kafkaEnv,
      KAFKA_SASL_PASSWORD: 'wrong-password',
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/error: .*SASL SCRAM SHA\d+ authentication failed/);
  });
});
