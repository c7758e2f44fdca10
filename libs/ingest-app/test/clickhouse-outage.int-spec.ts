import {
  dossierStream,
  expectedDailyCounts,
  freePort,
  previousMonthDays,
  report,
  startApp,
  startPrivateClickHouse,
  type AppProcess,
  type PrivateClickHouse,
} from '@libs/testing';
import {
  COMMUNES,
  IngestTestKit,
  exactly,
  rollupDailyCounts,
  seconds,
  storedIds,
  timed,
  toMessages,
  watchHealth,
  type HealthSample,
} from './ingest-test-kit';

const EVENTS = 30_000;
const OUTAGE_MS = 30_000;
const PUBLISH_SPAN_MS = 50_000;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));

/**
 * Ingest writes to a ClickHouse of this test's own, which is stopped for 30 s while events keep
 * streaming in. With a 6 s session and back-off sleeps of up to 15 s, only heartbeats during the
 * retries keep the consumer in its group. Nothing may be committed while nothing can be stored,
 * /health must say so, and everything must land exactly once after the server is back.
 */
describe('ingest through a ClickHouse outage under load', () => {
  const kit = new IngestTestKit('outage');
  const stream = dossierStream({
    idPrefix: kit.id,
    count: EVENTS,
    units: COMMUNES,
    days: previousMonthDays(3),
    duplicateRatio: 0.05,
    seed: 30,
  });
  const topic = kit.topic('onestop');
  const startedAt = Date.now();
  let clickhouse: PrivateClickHouse;
  let ingest: AppProcess;
  let health: ReturnType<typeof watchHealth>;
  let groupId: string;

  async function committedOffsets(): Promise<string[]> {
    const [committed] = await kit.admin.fetchOffsets({ groupId, topics: [topic] });
    return committed.partitions.map((p) => `${p.partition}:${p.offset}`).sort();
  }

  async function members(): Promise<string[]> {
    const { groups } = await kit.admin.describeGroups([groupId]);
    return groups[0].members.map((m) => m.memberId);
  }

  beforeAll(async () => {
    clickhouse = await startPrivateClickHouse();
    await kit.useClickHouse(clickhouse.url);
    await kit.open();
    const env = kit.ingestEnv({ CLICKHOUSE_URL: clickhouse.url, INGEST_BATCH_MAX_WAIT_MS: '200' });
    groupId = env.INGEST_GROUP_ID;
    const port = await freePort();
    ingest = await startApp('ingest', { ...env, INGEST_HTTP_PORT: String(port) }, port);
    health = watchHealth(ingest.url, kit.adminKey.secret);
  }, 120_000);

  afterAll(async () => {
    await health?.stop();
    await ingest?.stop();
    await kit.close();
    await clickhouse?.destroy();
    report(`[outage] CI wall time of this file: ${seconds(Date.now() - startedAt)} s`);
  });

  it('keeps its group membership, commits nothing and reports 503 while ClickHouse is down, then stores everything once', async () => {
    const t0 = Date.now();
    const messages = toMessages(stream.messages);
    const publishing = (async () => {
      const chunk = 500;
      for (let i = 0; i < messages.length; i += chunk) {
        await kit.publish(topic, messages.slice(i, i + chunk));
        await sleep(t0 + (PUBLISH_SPAN_MS * (i + chunk)) / messages.length - Date.now());
      }
    })();

    await sleep(8000);
    expect((await storedIds(kit, kit.id)).distinct).toBeGreaterThan(0);
    const memberBefore = await members();
    expect(memberBefore).toHaveLength(1);

    await clickhouse.stop();
    const down = Date.now();
    report(`[outage] ClickHouse stopped at ${seconds(down - t0)} s`);
    const unhealthy = await timed(
      'ingest /health answered 503',
      () => {
        const last = health.samples.at(-1);
        expect(last?.status).toBe(503);
        return Promise.resolve(last as HealthSample);
      },
      15_000,
    );
    expect(JSON.parse(unhealthy.body)).toMatchObject({
      details: { consumer: { status: 'down', state: 'retrying', lastError: expect.stringMatching(/\S/) } },
    });
    const committedAtOutage = await committedOffsets();

    await sleep(down + OUTAGE_MS - Date.now());
    expect(await committedOffsets()).toEqual(committedAtOutage);
    expect(await members()).toEqual(memberBefore);
    const during = health.samples.filter((s) => s.at >= unhealthy.at);
    expect(during.filter((s) => s.status !== 503)).toEqual([]);
    const lastDuring =
      (
        JSON.parse(during.at(-1)?.body ?? '{}') as {
          details?: { consumer?: { consecutiveFailures?: number; lastError?: string } };
        }
      ).details ?? {};
    report(
      `[outage] ${seconds(Date.now() - down)} s down: ${during.length} health samples, all 503; ` +
        `${lastDuring.consumer?.consecutiveFailures} failed attempts, last error "${lastDuring.consumer?.lastError}"; ` +
        `same group member, no offset committed`,
    );

    await clickhouse.start();
    const up = Date.now();
    await timed(
      'ingest /health answered 200 again',
      () => {
        expect(health.samples.at(-1)?.status).toBe(200);
        return Promise.resolve();
      },
      60_000,
    );
    await publishing;
    await timed(
      `all ${EVENTS} events stored`,
      async () => expect((await storedIds(kit, kit.id)).distinct).toBe(EVENTS),
      120_000,
    );
    const stored = await storedIds(kit, kit.id);
    expect(stored).toEqual(exactly(EVENTS, stored.physical));
    expect(await rollupDailyCounts(kit)).toEqual(expectedDailyCounts(stream.messages));
    expect(ingest.child.exitCode).toBeNull();
    report(
      `[outage] recovered ${seconds(Date.now() - up)} s after ClickHouse came back; ${stored.physical} physical rows`,
    );
  }, 240_000);
});
