import {
  bearer,
  dossierStream,
  eventually,
  groupLag,
  previousMonthDays,
  report,
  startApp,
  startPrivateClickHouse,
  type AppProcess,
  type PrivateClickHouse,
} from '@libs/testing';
import { COMMUNES, IngestTestKit, exactly, seconds, storedIds, toMessages } from './ingest-test-kit';

const STALL_AFTER_MS = 4000;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

interface Probe {
  status: number;
  body: { status?: string; details?: Record<string, { status: string; lag?: number; stalled?: string[] }> };
}

async function probe(url: string, credential: string): Promise<Probe> {
  const res = await fetch(url, { headers: bearer(credential), signal: AbortSignal.timeout(5000) });
  return { status: res.status, body: (await res.json()) as Probe['body'] };
}

/** Sum of one metric's samples whose labels contain `match`, from the Prometheus text format. */
async function metricSum(url: string, credential: string, name: string, match: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`, { headers: bearer(credential) })).text();
  return text
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`) && line.includes(match))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}

/**
 * Liveness is progress: ingest writes to a ClickHouse of this test's own, which is frozen
 * (SIGSTOP: inserts hang, nothing fails) while events keep arriving. The consumer still says
 * "consuming", but its committed offsets stay put while the lag grows, so /health/live must turn
 * 503 and the lag and stalled-seconds metrics must show it; after the server is let go, live is
 * 200 again and every event is stored once.
 */
describe('ingest liveness follows consumer progress', () => {
  const kit = new IngestTestKit('stall');
  const events = dossierStream({
    idPrefix: kit.id,
    count: 3000,
    units: COMMUNES,
    days: previousMonthDays(2),
    duplicateRatio: 0,
    seed: 12,
  }).events;
  const topic = kit.topic('onestop');
  let clickhouse: PrivateClickHouse;
  let ingest: AppProcess;
  const admin = kit.adminKey.secret;

  beforeAll(async () => {
    clickhouse = await startPrivateClickHouse();
    await kit.useClickHouse(clickhouse.url);
    await kit.open(['onestop']);
    ingest = await startApp(
      'ingest',
      kit.ingestEnv({
        CLICKHOUSE_URL: clickhouse.url,
        CLICKHOUSE_REQUEST_TIMEOUT_MS: '300000',
        CONSUMER_PROGRESS_POLL_MS: '500',
        CONSUMER_STALL_AFTER_MS: String(STALL_AFTER_MS),
      }),
    );
  });

  afterAll(async () => {
    clickhouse?.resume();
    await ingest?.stop();
    await kit.close();
    await clickhouse?.destroy();
  });

  it('turns unhealthy when the consumer stalls while lag grows, and healthy again when it resumes', async () => {
    const groupId = kit.ingestEnv().INGEST_GROUP_ID;
    const messages = toMessages(events);
    await kit.publish(topic, messages.slice(0, 1000));
    await eventually(async () => expect(await groupLag(kit.admin, groupId, topic)).toBe(0), {
      timeoutMs: 60_000,
    });
    expect((await probe(`${ingest.url}/health/live`, admin)).status).toBe(200);

    clickhouse.pause();
    const pausedAt = Date.now();
    let next = 1000;
    const feed = async () => {
      await kit.publish(topic, messages.slice(next, next + 100));
      next += 100;
    };
    let stalled: Probe | undefined;
    const lagSeen: number[] = [];
    while (!stalled && Date.now() - pausedAt < 30_000) {
      await feed();
      lagSeen.push(
        await metricSum(ingest.url, admin, 'coc_kafka_consumer_lag', 'topic="coc.onestop.events.v1"'),
      );
      const live = await probe(`${ingest.url}/health/live`, admin);
      if (live.status === 503) stalled = live;
      else await sleep(500);
    }
    expect(stalled?.body.details?.progress).toMatchObject({ status: 'down', stalled: expect.any(Array) });
    const stalledFor = Date.now() - pausedAt;
    expect(stalledFor).toBeGreaterThanOrEqual(STALL_AFTER_MS);
    // The lag gauge follows the progress monitor's own poll, so the stall may be seen before it moves.
    await eventually(
      async () => {
        if (next < messages.length) await feed();
        lagSeen.push(
          await metricSum(ingest.url, admin, 'coc_kafka_consumer_lag', 'topic="coc.onestop.events.v1"'),
        );
        expect(Math.max(...lagSeen)).toBeGreaterThan(lagSeen[0]);
      },
      { timeoutMs: 15_000, intervalMs: 500 },
    );
    expect(
      await metricSum(
        ingest.url,
        admin,
        'coc_kafka_consumer_stalled_seconds',
        'topic="coc.onestop.events.v1"',
      ),
    ).toBeGreaterThanOrEqual(STALL_AFTER_MS / 1000);
    // Readiness does not hang on the frozen server: its ping gives up and says down.
    expect((await probe(`${ingest.url}/health/ready`, admin)).status).toBe(503);
    report(
      `[stall] /health/live 503 after ${seconds(stalledFor)} s frozen; lag grew ${lagSeen[0]} → ${Math.max(...lagSeen)}; ` +
        `stalled: ${stalled?.body.details?.progress.stalled?.join(', ')}`,
    );

    clickhouse.resume();
    const resumedAt = Date.now();
    await kit.publish(topic, messages.slice(next));
    await eventually(
      async () => {
        expect((await probe(`${ingest.url}/health/live`, admin)).status).toBe(200);
        expect(await groupLag(kit.admin, groupId, topic)).toBe(0);
      },
      { timeoutMs: 60_000 },
    );
    report(`[stall] live and caught up again ${seconds(Date.now() - resumedAt)} s after resuming`);
    expect(await storedIds(kit, kit.id)).toEqual(exactly(events.length, events.length));
  });
});
