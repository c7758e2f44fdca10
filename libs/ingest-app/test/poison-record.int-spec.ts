import { createHash } from 'node:crypto';
import { CompressionTypes } from 'kafkajs';
import { canonicalPayload, DLQ_HEADERS, dlqTopic } from '@libs/contracts';
import { TRUNCATION_MARKER } from '../src/adapters/dead-letter-copy';
import { dossierStream, freePort, previousMonthDays, report, startApp, type AppProcess } from '@libs/testing';
import {
  COMMUNES,
  DLQ_HEADER,
  IngestTestKit,
  deadLetters,
  seconds,
  storedIds,
  timed,
  watchHealth,
} from './ingest-test-kit';

const BEFORE = 300;
const AFTER = 200;

/**
 * A record that passes validation but that ClickHouse refuses must not block its partition. No
 * valid event breaks the real schema today, so this test gives the raw table a narrower payload
 * column (a FixedString just wide enough for the stream's payloads: a longer one is refused with a
 * ClickHouse type error) before the ingest's migrations run, and publishes valid events whose
 * declared text fields are as long as their contract allows.
 */
describe('ingest with a record ClickHouse refuses', () => {
  const kit = new IngestTestKit('poison');
  const stream = dossierStream({
    idPrefix: kit.id,
    count: BEFORE + AFTER,
    units: COMMUNES,
    days: previousMonthDays(2),
    duplicateRatio: 0,
    seed: 3,
  });
  const poisonAt = [17, 150, 151];
  /** Where record i of the first BEFORE lands: they are spread over the topic's three partitions. */
  const positionOf = (i: number) => [i % 3, Math.floor(i / 3)];
  const startedAt = Date.now();
  /** A record like the stream's first (so its payload fits the narrowed column), under another id. */
  const like = (eventId: string, patch: Record<string, unknown> = {}) => {
    const envelope = JSON.parse(stream.events[0].value) as { payload: Record<string, unknown> };
    return JSON.stringify({ ...envelope, eventId, payload: { ...envelope.payload, ...patch } });
  };
  let ingest: AppProcess;
  let health: ReturnType<typeof watchHealth>;

  const payloadOf = (value: string) => (JSON.parse(value) as { payload: Record<string, unknown> }).payload;
  const PAYLOAD_WIDTH = Math.max(
    ...stream.events.map((e) => JSON.stringify(canonicalPayload(payloadOf(e.value))).length),
  );
  const poisoned = (value: string) => {
    const envelope = JSON.parse(value) as { payload: Record<string, unknown> };
    const payload = { ...envelope.payload, dossierId: 'x'.repeat(64), procedureCode: 'y'.repeat(32) };
    if (JSON.stringify(payload).length <= PAYLOAD_WIDTH)
      throw new Error('the poison must not fit the column');
    return JSON.stringify({ ...envelope, payload });
  };
  const values = stream.events.map((e) => (poisonAt.includes(e.index) ? poisoned(e.value) : e.value));

  beforeAll(async () => {
    await kit.open();
    await kit.createDatabase();
    // Same columns and engine as migration 0001, but a payload column only as wide as the stream needs.
    await kit.clickhouse.command({
      query: `CREATE TABLE onestop_events (
  event_id String, type String, schema_version UInt16, unit_code String,
  occurred_at DateTime('Asia/Ho_Chi_Minh'), produced_at DateTime('Asia/Ho_Chi_Minh'),
  ingested_at DateTime('Asia/Ho_Chi_Minh'), payload FixedString(${PAYLOAD_WIDTH})
) ENGINE = ReplacingMergeTree() PARTITION BY toYYYYMM(occurred_at) ORDER BY (unit_code, type, occurred_at, event_id)`,
    });
    // All published before ingest starts: each poison record shares its partition's batch with good
    // ones, and the three partitions' batches are fetched together and grouped into one insert.
    await kit.publish(
      kit.topic('onestop'),
      values.slice(0, BEFORE).map((value, i) => ({ value, partition: i % 3 })),
    );
    const port = await freePort();
    ingest = await startApp('ingest', kit.ingestEnv({ INGEST_HTTP_PORT: String(port) }), port);
    health = watchHealth(ingest.url);
  }, 120_000);

  afterAll(async () => {
    await health?.stop();
    await ingest?.stop();
    await kit.close();
    report(`[poison] CI wall time of this file: ${seconds(Date.now() - startedAt)} s`);
  });

  it('dead-letters the refused records as storage_rejected and stores the records around and after them', async () => {
    await kit.publish(
      kit.topic('onestop'),
      values.slice(BEFORE).map((value) => ({ value, partition: 0 })),
    );
    const good = BEFORE + AFTER - poisonAt.length;
    await timed(
      `the ${good} good events stored`,
      async () => expect((await storedIds(kit, kit.id)).distinct).toBe(good),
      60_000,
    );
    const ids = await kit.rows<{ event_id: string }>('SELECT DISTINCT event_id FROM onestop_events');
    const stored = new Set(ids.map((r) => r.event_id));
    expect(stream.events.filter((e) => !stored.has(e.eventId)).map((e) => e.index)).toEqual(poisonAt);

    const rejects = await timed(
      'the refused records in ingest_rejects',
      async () => {
        const rows = await kit.rows<{
          partition: number;
          offset: number | string;
          reject_code: string;
          reason: string;
        }>(
          'SELECT partition, offset, reject_code, reason FROM ingest_rejects FINAL ORDER BY offset, partition',
        );
        expect(rows).toHaveLength(poisonAt.length);
        return rows;
      },
      30_000,
    );
    expect(rejects.map((r) => [Number(r.partition), Number(r.offset), r.reject_code])).toEqual(
      poisonAt.map((i) => [...positionOf(i), 'storage_rejected']),
    );
    for (const r of rejects)
      expect(r.reason).toMatch(/clickhouse:131.*Too large value for FixedString\(\d+\)/);

    const dead: { code: string; partition: string; offset: string; reason: string }[] = [];
    const consumer = kit.kafka.consumer({ groupId: `${kit.id}-dlq-reader` });
    await consumer.connect();
    await consumer.subscribe({ topic: dlqTopic(kit.topic('onestop')), fromBeginning: true });
    await consumer.run({
      eachMessage: ({ message }) => {
        const header = (name: string) => message.headers?.[name]?.toString() ?? '';
        dead.push({
          code: header(DLQ_HEADER.code),
          partition: header(DLQ_HEADER.partition),
          offset: header(DLQ_HEADER.offset),
          reason: header(DLQ_HEADER.reason),
        });
        return Promise.resolve();
      },
    });
    try {
      await timed(
        'the refused records on the DLQ',
        () => Promise.resolve(expect(dead).toHaveLength(3)),
        30_000,
      );
    } finally {
      await consumer.disconnect();
    }
    // The DLQ has three partitions: order across them is not defined.
    const byPosition = dead
      .map((d) => [Number(d.partition), Number(d.offset), d.code] as const)
      .sort((a, b) => a[1] - b[1] || a[0] - b[0]);
    expect(byPosition).toEqual(poisonAt.map((i) => [...positionOf(i), 'storage_rejected']));

    expect(health.samples.filter((s) => s.status !== 200)).toEqual([]);
    report(
      `[poison] ${poisonAt.length} refused records dead-lettered, ${good} stored, health 200 throughout; reason: ${rejects[0].reason}`,
    );
  }, 120_000);

  it('refuses a record nested 3,000 arrays deep as one reject and stores its batch neighbours at once', async () => {
    let deep: unknown = 1;
    for (let i = 0; i < 3000; i++) deep = [deep];
    const [before, after] = [`${kit.id}-before-deep`, `${kit.id}-after-deep`];
    const t0 = Date.now();
    // One produce request, one partition: the three records arrive in the same batch.
    await kit.publish(
      kit.topic('onestop'),
      [like(before), like(`${kit.id}-deep`, { extra: deep }), like(after)].map((value) => ({
        value,
        partition: 0,
      })),
    );
    const ids = await timed(
      'the records before and after the deep one stored',
      async () => {
        const rows = await kit.rows<{ event_id: string }>(
          `SELECT DISTINCT event_id FROM onestop_events WHERE event_id IN ('${before}', '${after}')`,
        );
        expect(rows).toHaveLength(2);
        return rows;
      },
      30_000,
    );
    const elapsed = Date.now() - t0;
    expect(ids.map((r) => r.event_id).sort()).toEqual([after, before].sort());
    const rejects = await timed(
      'the deep record in ingest_rejects',
      async () => {
        const rows = await kit.rows<{ reject_code: string; reason: string }>(
          "SELECT reject_code, reason FROM ingest_rejects FINAL WHERE reject_code != 'storage_rejected'",
        );
        expect(rows).toHaveLength(1);
        return rows;
      },
      10_000,
    );
    expect(rejects).toEqual([
      { reject_code: 'too_deep', reason: 'nested deeper than 8 levels of objects and arrays' },
    ]);
    // The consumer's batch wait (INGEST_BATCH_MAX_WAIT_MS) plus one store: no retry happened.
    expect(elapsed).toBeLessThan(10_000);
    expect(health.samples.filter((s) => s.status !== 200)).toEqual([]);
    report(
      `[poison] a record nested 3000 deep refused as too_deep; its neighbours stored ${seconds(elapsed)} s after publishing`,
    );
  }, 60_000);

  it('dead-letters a gzip record that is multi-MB once decompressed, shortened, with its size and SHA-256, never blocking', async () => {
    const huge = like(`${kit.id}-huge`, { note: 'z'.repeat(3 * 1024 * 1024) });
    const after = `${kit.id}-after-huge`;
    // Small on the wire, 3 MiB once decompressed: over the broker's message.max.bytes as it is.
    await kit.producer.send({
      topic: kit.topic('onestop'),
      acks: -1,
      compression: CompressionTypes.GZIP,
      messages: [huge, like(after)].map((value) => ({ value, partition: 0 })),
    });
    await timed(
      'the record after the huge one stored',
      async () =>
        expect(
          await kit.rows(`SELECT event_id FROM onestop_events WHERE event_id = '${after}'`),
        ).toHaveLength(1),
      30_000,
    );
    const [letter] = await deadLetters(
      kit,
      dlqTopic(kit.topic('onestop')),
      (h) => h[DLQ_HEADER.code] === 'too_large',
    );
    const bytes = Buffer.byteLength(huge, 'utf8');
    expect(letter.headers).toMatchObject({
      [DLQ_HEADERS.originalBytes]: String(bytes),
      [DLQ_HEADERS.originalSha256]: createHash('sha256').update(huge).digest('hex'),
      [DLQ_HEADERS.truncated]: 'true',
    });
    expect(letter.value.length).toBeLessThanOrEqual(524_288);
    expect(letter.value.toString('utf8').endsWith(TRUNCATION_MARKER)).toBe(true);
    expect(health.samples.filter((s) => s.status !== 200)).toEqual([]);
    report(
      `[poison] a gzip record of ${bytes} bytes dead-lettered as ${letter.value.length} bytes with its size and SHA-256`,
    );
  }, 60_000);
});
