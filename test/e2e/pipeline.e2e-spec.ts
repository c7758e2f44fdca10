import { createClient } from '@clickhouse/client';
import type { AnalyticsStore } from '@libs/clickhouse';
import { logLevel, type Producer } from 'kafkajs';
import { io, type Socket } from 'socket.io-client';
import {
  DLQ_HEADERS,
  DossierReceived,
  WALL_SCREEN_NAMESPACE,
  dlqTopic,
  exampleEnvelope,
  sourceTopic,
  type ClientToServerEvents,
  type LiveTile,
  type ServerToClientEvents,
  type SubscribeReply,
} from '@libs/contracts';
import { localDateOf } from '@libs/admin-units';
import {
  accessEnvFor,
  bearer,
  eventually,
  report,
  startApp,
  testKey,
  testServices,
  uniqueTestId,
  type AppProcess,
  testKafka,
} from '@libs/testing';

/**
 * The whole path with real parts: a connector publishes to the Kafka broker, the ingest process
 * stores into the ClickHouse server, and the gateway process answers over REST and pushes to a
 * socket.io client. Nothing here is a mock; stopping either service makes this test fail.
 */
describe('one event end to end: Kafka → ingest → ClickHouse → coc-gateway → socket.io', () => {
  const services = testServices();
  const id = uniqueTestId('e2e');
  const topicPrefix = `${id}.`;
  const unitCode = '26734';
  const metric = DossierReceived.type;
  const screenKey = testKey('screen-26734', 'screen', [unitCode]);
  const kpiId = 'tthc_dossiers_on_central_onestop_pct';
  const env = {
    ...accessEnvFor([screenKey]),
    KAFKA_BROKERS: services.kafkaBrokers.join(','),
    KAFKA_TOPIC_PREFIX: topicPrefix,
    CLICKHOUSE_URL: services.clickhouseUrl,
    CLICKHOUSE_DATABASE: id,
    INGEST_GROUP_ID: `${id}-ingest`,
    INGEST_BATCH_MAX_WAIT_MS: '100',
    COC_GATEWAY_INSTANCE_ID: id,
  };
  const kafka = testKafka(id, { logLevel: logLevel.ERROR });
  let producer: Producer;
  let clickhouse: AnalyticsStore;
  let ingest: AppProcess;
  let gateway: AppProcess;
  let screen: Socket<ServerToClientEvents, ClientToServerEvents>;
  const updates: LiveTile[] = [];

  const dossier = (eventId: string) =>
    exampleEnvelope(DossierReceived, {
      eventId,
      unitCode,
      occurredAt: new Date(Date.now() - 60_000).toISOString(),
      producedAt: new Date().toISOString(),
      payload: { ...DossierReceived.example.payload, dossierId: eventId.slice(-40) },
    });

  async function publish(values: (string | object)[]): Promise<void> {
    const topic = `${topicPrefix}${sourceTopic('onestop')}`;
    await producer.send({
      topic,
      acks: -1,
      messages: values.map((v) => ({ key: unitCode, value: typeof v === 'string' ? v : JSON.stringify(v) })),
    });
    report(
      `[e2e] published ${values.length} records to Kafka ${services.kafkaBrokers.join(',')} topic ${topic}`,
    );
  }

  async function queryRows<T>(query: string): Promise<T[]> {
    return (await clickhouse.query({ query, format: 'JSONEachRow' })).json<T>();
  }

  beforeAll(async () => {
    clickhouse = createClient({ url: services.clickhouseUrl, database: id });
    ingest = await startApp('ingest', env);
    gateway = await startApp('coc-gateway', env);
    producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    const issued = await fetch(`${gateway.url}/api/v1/access/token`, {
      method: 'POST',
      headers: bearer(screenKey.secret),
    });
    const { token } = (await issued.json()) as { token: string };
    screen = io(`${gateway.url}${WALL_SCREEN_NAMESPACE}`, { transports: ['websocket'], auth: { token } });
    screen.on('screen:delta', (delta) => updates.push(...(delta.tiles ?? [])));
  });

  afterAll(async () => {
    screen?.close();
    await producer?.disconnect();
    await Promise.all([ingest?.stop(), gateway?.stop()]);
    await clickhouse?.close();
  });

  it('subscribes a wall screen and gets a snapshot of its KPI tiles (no data yet, never 0)', async () => {
    const reply = await new Promise<SubscribeReply>((resolve) =>
      screen.emit('subscribe', { unitCode }, resolve),
    );
    const snapshot = 'snapshot' in reply ? reply.snapshot : undefined;
    expect(snapshot?.tiles.find((t) => t.kpiId === kpiId)).toMatchObject({
      value: null,
      noData: 'no_feed',
      period: { kind: 'day', from: localDateOf(new Date()) },
    });
  });

  it('stores valid events once, dead-letters malformed ones with a reason, and pushes the KPI tile live', async () => {
    const first = dossier(`${id}-1`);
    const badPayload = { ...dossier(`${id}-bad`), payload: { ...first.payload, channel: 'fax' } };
    await publish([first, '{"eventId": "truncated', badPayload, dossier(`${id}-2`), first]);

    await eventually(() => expect(updates.filter((u) => u.kpiId === kpiId).at(-1)?.denominator).toBe(2));

    const stored = await queryRows<{ events: number }>(
      `SELECT uniqExact(event_id) AS events FROM onestop_events WHERE unit_code = '${unitCode}'`,
    );
    report(
      `[e2e] ClickHouse ${services.clickhouseUrl} database ${id}: ${stored[0].events} distinct dossier events`,
    );
    expect(Number(stored[0].events)).toBe(2);

    const rejects = await queryRows<{ reject_code: string; reason: string }>(
      'SELECT reject_code, reason FROM ingest_rejects FINAL ORDER BY offset',
    );
    expect(rejects).toEqual([
      { reject_code: 'invalid_json', reason: expect.stringContaining('not JSON') },
      { reject_code: 'invalid_payload', reason: expect.stringContaining('payload.channel must be one of') },
    ]);
  });

  it('answers the distinct event count over REST', async () => {
    const res = await fetch(`${gateway.url}/api/v1/units/${unitCode}/event-counts?type=${metric}`, {
      headers: bearer(screenKey.secret),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual([expect.objectContaining({ unitCode, type: metric, count: 2 })]);
  });

  it('puts each reject on the DLQ topic with its reason in the headers', async () => {
    const consumer = kafka.consumer({ groupId: `${id}-dlq-reader` });
    const seen: { code: string; offset: string }[] = [];
    await consumer.connect();
    await consumer.subscribe({
      topic: `${topicPrefix}${dlqTopic(sourceTopic('onestop'))}`,
      fromBeginning: true,
    });
    await consumer.run({
      eachMessage: ({ message }) => {
        seen.push({
          code: String(message.headers?.[DLQ_HEADERS.code]),
          offset: String(message.headers?.[DLQ_HEADERS.offset]),
        });
        return Promise.resolve();
      },
    });
    try {
      await eventually(() => expect(seen.map((s) => s.code)).toEqual(['invalid_json', 'invalid_payload']));
    } finally {
      await consumer.disconnect();
    }
  });

  it('keeps consuming after bad input', async () => {
    await publish([dossier(`${id}-3`)]);
    await eventually(() => expect(updates.filter((u) => u.kpiId === kpiId).at(-1)?.denominator).toBe(3));
    const health = await fetch(`${ingest.url}/health`);
    expect(health.status).toBe(200);
  });

  it('rejects a malformed unit code over REST with a reason', async () => {
    const res = await fetch(`${gateway.url}/api/v1/units/12ab/event-counts`, {
      headers: bearer(screenKey.secret),
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain('unitCode must be an official unit code');
  });
});
