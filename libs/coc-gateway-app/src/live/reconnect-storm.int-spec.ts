import { createClient } from '@clickhouse/client';
import { io, type Socket } from 'socket.io-client';
import { MIGRATIONS, migrate } from '@libs/clickhouse';
import {
  Reconnector,
  WALL_SCREEN_NAMESPACE,
  type ClientToServerEvents,
  type ServerToClientEvents,
  type SubscribeReply,
} from '@libs/contracts';
import {
  accessEnvFor,
  bearer,
  eventually,
  freePort,
  report,
  startApp,
  testKey,
  testServices,
  uniqueTestId,
  type AppProcess,
} from '@libs/testing';

const SCREENS = 300;
const ADMIT_PER_SECOND = 40;
const ADMIT_BURST = 40;
const COMMUNE = '26734';

type ScreenSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** One simulated wall screen: the page's socket wiring, its Reconnector, and when it was admitted and served. */
class SimulatedScreen {
  readonly socket: ScreenSocket;
  readonly reconnector: Reconnector;
  readonly admittedAt: number[] = [];
  refusals = 0;
  stream?: string;

  constructor(url: string, token: string) {
    this.socket = io(`${url}${WALL_SCREEN_NAMESPACE}`, {
      transports: ['websocket'],
      reconnection: false,
      auth: { token },
    });
    this.reconnector = new Reconnector(() => this.socket.connect());
    this.socket.on('connect', () => {
      this.admittedAt.push(Date.now());
      this.reconnector.connected();
      this.socket.emit('subscribe', { unitCode: COMMUNE }, (reply: SubscribeReply) => {
        if (reply.ok && 'snapshot' in reply) this.stream = reply.snapshot.stream;
      });
    });
    this.socket.on('disconnect', () => this.reconnector.lost());
    this.socket.on('connect_error', (error: Error & { data?: { retryAfterMs?: number } }) => {
      this.refusals += 1;
      this.reconnector.lost(error.data?.retryAfterMs);
    });
  }

  /** Stops for good: without its listeners, closing does not schedule another attempt. */
  close(): void {
    this.socket.removeAllListeners();
    this.socket.close();
    this.reconnector.stop();
  }
}

/** The most admissions within any window of `windowMs`. */
function busiest(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; j < sorted.length; j += 1) {
    while (sorted[j] - sorted[i] >= windowMs) i += 1;
    most = Math.max(most, j - i + 1);
  }
  return most;
}

/**
 * Admission times are seen by the clients, a little after the gateway admitted them; a stalled
 * test process can see a few together. Each window is allowed this much more of the rate.
 */
const OBSERVATION_SLACK_S = 0.25;

/**
 * A reconnect storm against the built gateway (real process, real ClickHouse): 300 screens on one
 * instance, the instance restarted, and every screen coming back through the page's own jittered
 * back-off (Reconnector). The admission gate (a token bucket of 40 a second, burst 40) must hold:
 * no second admits more than burst + rate, the returns spread over the seconds the rate implies,
 * and every screen ends with a snapshot of the new instance's stream.
 */
describe('reconnect storm after a gateway restart', () => {
  const services = testServices();
  const id = uniqueTestId('storm');
  const screenKey = testKey('storm-screens', 'screen', [COMMUNE]);
  const screens: SimulatedScreen[] = [];
  let gateway: AppProcess;
  let port: number;
  const start = () =>
    startApp(
      'coc-gateway',
      {
        ...accessEnvFor([screenKey]),
        KAFKA_BROKERS: services.kafkaBrokers.join(','),
        KAFKA_TOPIC_PREFIX: `${id}.`,
        CLICKHOUSE_URL: services.clickhouseUrl,
        CLICKHOUSE_DATABASE: id,
        COC_GATEWAY_INSTANCE_ID: id,
        COC_GATEWAY_PORT: String(port),
        COC_SCREEN_ADMIT_PER_SECOND: String(ADMIT_PER_SECOND),
        COC_SCREEN_ADMIT_BURST: String(ADMIT_BURST),
      },
      port,
    );

  beforeAll(async () => {
    const admin = createClient({ url: services.clickhouseUrl });
    const clickhouse = createClient({ url: services.clickhouseUrl, database: id });
    await migrate(admin, clickhouse, id, MIGRATIONS).finally(() =>
      Promise.all([admin.close(), clickhouse.close()]),
    );
    port = await freePort();
    gateway = await start();
  });

  afterAll(async () => {
    screens.forEach((s) => s.close());
    await gateway?.stop();
  });

  it('admits the returning screens at the configured rate, spread over time, and serves each a snapshot', async () => {
    const issued = await fetch(`${gateway.url}/api/v1/access/token`, {
      method: 'POST',
      headers: bearer(screenKey.secret),
    });
    expect(issued.status).toBe(200);
    const { token } = (await issued.json()) as { token: string };
    for (let i = 0; i < SCREENS; i += 1) screens.push(new SimulatedScreen(gateway.url, token));
    await eventually(() => expect(screens.filter((s) => s.stream).length).toBe(SCREENS), {
      timeoutMs: 60_000,
    });
    const before = screens[0].stream;

    await gateway.stop();
    await eventually(() => expect(screens.every((s) => !s.socket.connected)).toBe(true));
    const restartedAt = Date.now();
    gateway = await start();
    await eventually(
      () => expect(screens.filter((s) => s.stream && s.stream !== before).length).toBe(SCREENS),
      { timeoutMs: 60_000 },
    );

    const returns = screens.map((s) => s.admittedAt[s.admittedAt.length - 1]);
    const windows = [1, 2, 5].map((seconds) => ({ seconds, admitted: busiest(returns, seconds * 1_000) }));
    const spreadMs = Math.max(...returns) - Math.min(...returns);
    const refusals = screens.reduce((sum, s) => sum + s.refusals, 0);
    report(
      `[storm] ${SCREENS} screens back ${((Math.max(...returns) - restartedAt) / 1000).toFixed(1)} s after the restart began, ` +
        `spread over ${(spreadMs / 1000).toFixed(1)} s; most admitted in ` +
        windows.map((w) => `${w.seconds} s: ${w.admitted}`).join(', ') +
        ` (limit ${ADMIT_BURST} burst + ${ADMIT_PER_SECOND}/s); ${refusals} refused attempts retried with back-off`,
    );
    // A token bucket admits at most burst + rate × t in any t seconds.
    for (const { seconds, admitted } of windows)
      expect(admitted).toBeLessThanOrEqual(
        Math.floor(ADMIT_BURST + ADMIT_PER_SECOND * (seconds + OBSERVATION_SLACK_S)),
      );
    expect(spreadMs).toBeGreaterThanOrEqual(((SCREENS - ADMIT_BURST) / ADMIT_PER_SECOND) * 1000 * 0.9);
    expect(refusals).toBeGreaterThan(0);
    // Each screen was admitted once after the restart: a refused attempt never counts as a connection.
    expect(screens.every((s) => s.admittedAt.length === 2)).toBe(true);
  });
});
