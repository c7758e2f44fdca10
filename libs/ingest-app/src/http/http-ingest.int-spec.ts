import { createClient } from '@clickhouse/client';
import type { AnalyticsStore } from '@libs/clickhouse';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { ConfigResourceTypes, logLevel } from 'kafkajs';
import { DossierReceived, exampleEnvelope, sourceTopic, type SourceId } from '@libs/contracts';
import { identifier, sql } from '@libs/clickhouse';
import {
  eventually,
  freePort,
  report,
  startApp,
  testServices,
  uniqueTestId,
  type AppProcess,
  testKafka,
} from '@libs/testing';

const MAIN = resolve(__dirname, '..', '..', '..', '..', 'dist', 'apps', 'ingest', 'main.js');
const MiB = 1024 * 1024;

const sha256Hex = (key: string) => createHash('sha256').update(key).digest('hex');

interface Answer {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

/**
 * The HTTP door into the pipeline, with real parts: the built ingest process publishes what it
 * accepts to the Kafka broker, its own consumer stores it in the ClickHouse server. The limits are
 * the defaults (5 MiB, 5000 records), so the batches here are as large as production allows.
 */
describe('HTTP ingest: POST /api/v1/events → Kafka → ClickHouse', () => {
  const services = testServices();
  const id = uniqueTestId('http_ingest');
  const portalKey = `${id}-portal-secret`;
  const units = ['26734', '26740'];
  const kafka = testKafka(id, { logLevel: logLevel.ERROR });
  const envFor = (database: string) => ({
    KAFKA_BROKERS: services.kafkaBrokers.join(','),
    KAFKA_TOPIC_PREFIX: `${database}.`,
    CLICKHOUSE_URL: services.clickhouseUrl,
    CLICKHOUSE_DATABASE: database,
    INGEST_GROUP_ID: `${database}-ingest`,
    INGEST_BATCH_MAX_WAIT_MS: '100',
  });
  const env = {
    ...envFor(id),
    // Lets one valid record exceed what the broker accepts, to see Kafka refuse it.
    INGEST_MAX_RECORD_BYTES: String(2 * MiB),
    COC_ACCESS_KEYS: JSON.stringify([
      { id: 'onestop-portal', sha256: sha256Hex(portalKey), role: 'connector', units, sources: ['onestop'] },
    ]),
  };
  let app: AppProcess;
  let clickhouse: AnalyticsStore;
  /** Every eventId an answer called accepted, and how many records Kafka should hold. */
  const accepted = new Set<string>();
  let acceptedSends = 0;

  const dossier = (eventId: string, unitCode = units[0]) =>
    exampleEnvelope(DossierReceived, {
      eventId: `${id}-${eventId}`,
      unitCode,
      occurredAt: new Date(Date.now() - 60_000).toISOString(),
      producedAt: new Date().toISOString(),
    });
  const dossiers = (label: string, n: number) =>
    Array.from({ length: n }, (_, i) => dossier(`${label}-${i}`, units[i % units.length]));
  const ndjson = (records: object[]) => records.map((r) => JSON.stringify(r)).join('\n');

  async function post(
    body: string,
    {
      contentType = 'application/json',
      headers = { authorization: `Bearer ${portalKey}` },
      to = app,
    }: { contentType?: string; headers?: Record<string, string>; to?: AppProcess } = {},
  ): Promise<Answer> {
    const res = await fetch(`${to.url}/api/v1/events`, {
      method: 'POST',
      headers: { 'content-type': contentType, ...headers },
      body,
    });
    const answer = {
      status: res.status,
      headers: res.headers,
      body: (await res.json()) as Record<string, unknown>,
    };
    if (res.status === 200) {
      const results = answer.body.results as { eventId?: string; status: string }[];
      for (const r of results) if (r.status === 'accepted' && r.eventId) accepted.add(r.eventId);
      acceptedSends += Number(answer.body.accepted);
    }
    return answer;
  }

  async function storedIds(database = id): Promise<string[]> {
    const result = await clickhouse.query({
      query: sql`SELECT DISTINCT event_id FROM ${identifier(database)}.onestop_events`.text,
      format: 'JSONEachRow',
    });
    return (await result.json<{ event_id: string }>()).map((r) => r.event_id).sort();
  }

  async function messagesOn(source: SourceId): Promise<number> {
    const admin = kafka.admin();
    await admin.connect();
    try {
      const offsets = await admin.fetchTopicOffsets(`${id}.${sourceTopic(source)}`);
      return offsets.reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0);
    } finally {
      await admin.disconnect();
    }
  }

  beforeAll(async () => {
    clickhouse = createClient({ url: services.clickhouseUrl });
    const port = await freePort();
    app = await startApp('ingest', { ...env, INGEST_HTTP_PORT: String(port) }, port);
  });

  afterAll(async () => {
    await app?.stop();
    await clickhouse?.close();
  });

  it('answers 401 without a key and with an unknown key, in either header', async () => {
    const body = JSON.stringify([dossier('unauthenticated')]);
    const missing = await post(body, { headers: {} });
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toContain('Bearer');
    expect(missing.body.message).toContain('missing credential');
    const wrongKeys: Record<string, string>[] = [
      { authorization: `Bearer ${portalKey}x` },
      { 'x-api-key': sha256Hex(portalKey) },
    ];
    for (const headers of wrongKeys) {
      const wrong = await post(body, { headers });
      expect(wrong.status).toBe(401);
      expect(wrong.body.message).toBe('unknown, revoked or expired credential');
    }
  });

  it('accepts a JSON array, answering per record once Kafka acknowledged', async () => {
    const records = dossiers('array', 2);
    const answer = await post(JSON.stringify(records), { headers: { 'x-api-key': portalKey } });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      accepted: 2,
      rejected: 0,
      results: records.map((r, index) => ({ index, eventId: r.eventId, status: 'accepted' })),
    });
  });

  it('accepts NDJSON, where blank lines are not records', async () => {
    const records = dossiers('ndjson', 3);
    const body = `\n${JSON.stringify(records[0])}\r\n\r\n${ndjson(records.slice(1))}\n\n`;
    const answer = await post(body, { contentType: 'application/x-ndjson' });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ accepted: 3, rejected: 0 });
  });

  it('answers mixed valid and invalid records one by one, in request order', async () => {
    const good = dossier('mixed-good');
    const badPayload = { ...dossier('mixed-bad'), payload: { ...good.payload, channel: 'fax' } };
    const body = [
      JSON.stringify(good),
      '{"eventId": "truncated',
      JSON.stringify(badPayload),
      JSON.stringify({ eventId: `${id}-mixed-bare` }),
      JSON.stringify(dossier('mixed-good-2', units[1])),
    ].join('\n');
    const answer = await post(body, { contentType: 'application/x-ndjson' });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      accepted: 2,
      rejected: 3,
      results: [
        { index: 0, eventId: good.eventId, status: 'accepted' },
        { index: 1, status: 'rejected', code: 'invalid_json', reason: expect.stringContaining('line 2') },
        {
          index: 2,
          eventId: badPayload.eventId,
          status: 'rejected',
          code: 'invalid_payload',
          reason: expect.stringContaining('payload.channel'),
        },
        {
          index: 3,
          eventId: `${id}-mixed-bare`,
          status: 'rejected',
          code: 'invalid_envelope',
          reason: expect.stringContaining('source'),
        },
        { index: 4, eventId: `${id}-mixed-good-2`, status: 'accepted' },
      ],
    });
  });

  it('refuses the whole request with 403 when a record is of another source', async () => {
    const records = [
      ...dossiers('forbidden-source', 2),
      { ...dossier('forbidden-source-x'), source: 'qlvb' },
    ];
    const answer = await post(JSON.stringify(records));
    expect(answer.status).toBe(403);
    expect(answer.body).toMatchObject({ statusCode: 403, index: 2 });
    expect(answer.body.message).toContain('record 2: source "qlvb"');
  });

  it('refuses the whole request with 403 when a record is of a unit outside the key', async () => {
    // 26743 is outside the key; scope is judged before anything else, so its merge in 2025 does not matter.
    const records = [dossier('forbidden-unit-0'), dossier('forbidden-unit-1', '26743')];
    const answer = await post(ndjson(records), { contentType: 'application/x-ndjson' });
    expect(answer.status).toBe(403);
    expect(answer.body).toMatchObject({ index: 1 });
    expect(answer.body.message).toContain('unit 26743');
  });

  it('refuses a body over INGEST_HTTP_MAX_BODY_BYTES with 413, JSON and NDJSON alike', async () => {
    const records = dossiers(
      'too-big',
      Math.ceil((5 * MiB) / JSON.stringify(dossier('too-big-0')).length) + 10,
    );
    for (const [contentType, body] of [
      ['application/json', JSON.stringify(records)],
      ['application/x-ndjson', ndjson(records)],
    ]) {
      expect(Buffer.byteLength(body)).toBeGreaterThan(5 * MiB);
      const answer = await post(body, { contentType });
      expect({ contentType, status: answer.status }).toEqual({ contentType, status: 413 });
      expect(answer.body.message).toContain(`INGEST_HTTP_MAX_BODY_BYTES (${5 * MiB} bytes)`);
    }
  });

  it('refuses more than INGEST_HTTP_MAX_RECORDS records with 413', async () => {
    const answer = await post(ndjson(dossiers('too-many', 5001)), { contentType: 'application/x-ndjson' });
    expect(answer.status).toBe(413);
    expect(answer.body.message).toContain('5001 records; INGEST_HTTP_MAX_RECORDS allows 5000');
  });

  it('accepts a full batch of 5000 records, more than one Kafka produce request may hold', async () => {
    // One unit, so one partition: 1.8 MiB there exceeds the broker's default message.max.bytes.
    const body = JSON.stringify(Array.from({ length: 5000 }, (_, i) => dossier(`full-${i}`)));
    const t0 = performance.now();
    const answer = await post(body);
    const ms = performance.now() - t0;
    report(
      `[http-ingest] 5000 records, ${(Buffer.byteLength(body) / MiB).toFixed(2)} MiB: ${answer.status} in ${ms.toFixed(0)} ms`,
    );
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ accepted: 5000, rejected: 0 });
  });

  it('answers accepted to the same batch twice and stores it once', async () => {
    const records = dossiers('twice', 4);
    const ids = records.map((r) => r.eventId);
    for (let i = 0; i < 2; i++) {
      const answer = await post(JSON.stringify(records));
      expect(answer.body).toMatchObject({ accepted: 4, rejected: 0 });
    }
    await eventually(async () => {
      const result = await clickhouse.query({
        query: sql`SELECT uniqExact(event_id) AS events, count() AS rows
                   FROM ${identifier(id)}.onestop_events FINAL WHERE event_id IN ${ids}`.text,
        format: 'JSONEachRow',
      });
      const [row] = await result.json<{ events: string; rows: string }>();
      expect({ events: Number(row.events), rows: Number(row.rows) }).toEqual({ events: 4, rows: 4 });
    });
  });

  it('answers 503 with Retry-After when Kafka refuses the events, reporting none accepted', async () => {
    // A valid record, over the topic's message.max.bytes for the length of this test.
    const setMaxMessageBytes = async (value: string) => {
      const admin = kafka.admin();
      await admin.connect();
      try {
        await admin.alterConfigs({
          validateOnly: false,
          resources: [
            {
              type: ConfigResourceTypes.TOPIC,
              name: `${id}.${sourceTopic('onestop')}`,
              configEntries: [{ name: 'max.message.bytes', value }],
            },
          ],
        });
      } finally {
        await admin.disconnect();
      }
    };
    await setMaxMessageBytes('64');
    try {
      const answer = await post(JSON.stringify([dossier('kafka-refuses')]));
      expect(answer.status).toBe(503);
      expect(answer.headers.get('retry-after')).toBe('5');
      expect(answer.body.message).toContain('Kafka did not acknowledge the events');
      expect(answer.body.message).toContain('send the whole request again');
    } finally {
      await setMaxMessageBytes('1048588');
    }
  });

  it('stores exactly the accepted events, and Kafka holds nothing from refused requests', async () => {
    const expected = [...accepted].sort();
    expect(expected).toHaveLength(2 + 3 + 2 + 5000 + 4);
    const stored = await eventually(async () => {
      const ids = await storedIds();
      expect(ids).toHaveLength(expected.length);
      return ids;
    });
    expect(stored).toEqual(expected);
    expect(await messagesOn('onestop')).toBe(acceptedSends);
    expect(await messagesOn('qlvb')).toBe(0);
    report(
      `[http-ingest] ClickHouse ${id}.onestop_events: ${stored.length} distinct events from ${acceptedSends} accepted sends`,
    );
  });

  it('answers 401 when no keys are configured, while the Kafka path keeps working', async () => {
    const database = `${id}_nokeys`;
    const port = await freePort();
    const keyless = await startApp('ingest', { ...envFor(database), INGEST_HTTP_PORT: String(port) }, port);
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    try {
      const answer = await post(JSON.stringify([dossier('keyless')]), { to: keyless });
      expect(answer.status).toBe(401);

      const record = dossier('via-kafka');
      await producer.connect();
      await producer.send({
        topic: `${database}.${sourceTopic('onestop')}`,
        acks: -1,
        messages: [{ key: record.unitCode, value: JSON.stringify(record) }],
      });
      await eventually(async () => expect(await storedIds(database)).toEqual([record.eventId]));
    } finally {
      await producer.disconnect();
      await keyless.stop();
    }
  });

  it.each([
    [
      'an invalid COC_ACCESS_KEYS',
      { COC_ACCESS_KEYS: '[{"id":"x","sha256":"zz","role":"connector","sources":["fax"],"units":["*"]}]' },
    ],
    ['an unreadable COC_ACCESS_KEYS_FILE', { COC_ACCESS_KEYS_FILE: `/nonexistent/${id}.json` }],
  ])('refuses to start with %s, naming the variable', (_label, keys) => {
    const run = spawnSync(process.execPath, [MAIN], {
      env: { ...process.env, ...envFor(`${id}_badkeys`), INGEST_HTTP_PORT: '0', ...keys },
      encoding: 'utf8',
      timeout: 30_000,
    });
    const output = `${run.stdout}${run.stderr}`;
    expect(run.status).toBe(1);
    expect(output).toContain(`Invalid ${Object.keys(keys)[0]}`);
  });
});
