import type { AnalyticsStore } from '@libs/clickhouse';
import { io, type Socket } from 'socket.io-client';
import { ClickHouseKeyStore, sha256Of } from '@libs/access';
import { WALL_SCREEN_NAMESPACE } from '@libs/contracts';
import {
  accessEnvFor,
  bearer,
  callUntilLimited,
  expectSecurityHeaders,
  httpCall,
  report,
  testKey,
  uniqueTestId,
} from '@libs/testing';
import { startInProcessGateway, type InProcessGateway } from '../test/in-process-gateway';

const KPI = 'tthc_dossiers_on_central_onestop_pct';
const REFRESH_MS = 1_000;
const PER_PRINCIPAL = 20;
const PER_ADDRESS = 40;
const ANONYMOUS_PER_ADDRESS = 10;
const MAX_BODY = 2_048;
const SOCKET_MESSAGES = 5;
const ALLOWED_ORIGIN = 'https://ioc.dongnai.example.vn';
const OTHER_ORIGIN = 'https://elsewhere.example.com';

/**
 * The gateway's limits, in-process on the real Kafka and ClickHouse, with small limits so they
 * are reached quickly. Each rate-limit case calls from its own loopback address (127.0.0.x), so
 * the per-address budgets of one case do not leak into another.
 */
describe('coc-gateway limits', () => {
  const id = uniqueTestId('gw_limits');
  const admin = testKey('admin', 'admin', ['*']);
  const viewers = [1, 2, 3, 4, 5].map((n) => testKey(`viewer-${n}`, 'viewer', ['26734']));
  const screen = testKey('screen-26734', 'screen', ['26734']);
  let url: string;
  let clickhouse: AnalyticsStore;
  let gateway: InProcessGateway | undefined;
  const sockets: Socket[] = [];

  const connect = (auth: Record<string, string>, headers: Record<string, string> = {}) => {
    const socket = io(`${url}${WALL_SCREEN_NAMESPACE}`, {
      transports: ['websocket'],
      auth,
      extraHeaders: headers,
      reconnection: false,
    });
    sockets.push(socket);
    return new Promise<{ socket: Socket; error?: Error }>((resolve) => {
      socket.once('connect', () => resolve({ socket }));
      socket.once('connect_error', (error) => resolve({ socket, error }));
    });
  };
  const tokenOf = async (secret: string) =>
    (await httpCall(`${url}/api/v1/access/token`, { method: 'POST', headers: bearer(secret) })).json<{
      token: string;
    }>().token;

  beforeAll(async () => {
    gateway = await startInProcessGateway(id, {
      ...accessEnvFor([admin, screen, ...viewers]),
      COC_ACCESS_KEY_REFRESH_MS: String(REFRESH_MS),
      COC_RATE_LIMIT_PER_PRINCIPAL: String(PER_PRINCIPAL),
      COC_RATE_LIMIT_PER_ADDRESS: String(PER_ADDRESS),
      COC_RATE_LIMIT_ANONYMOUS_PER_ADDRESS: String(ANONYMOUS_PER_ADDRESS),
      COC_HTTP_MAX_BODY_BYTES: String(MAX_BODY),
      COC_CORS_ORIGINS: ALLOWED_ORIGIN,
      COC_SOCKET_MESSAGES_PER_MINUTE: String(SOCKET_MESSAGES),
    });
    ({ url, clickhouse } = gateway);
  });

  afterAll(async () => {
    sockets.forEach((s) => s.close());
    await gateway?.close();
  });

  it('answers 429 with Retry-After past a key’s limit, whatever its address; another key goes on', async () => {
    const [viewer, other] = viewers;
    const { before, limited } = await callUntilLimited(
      `${url}/api/v1/kpis`,
      { headers: bearer(viewer.secret), from: '127.0.1.1' },
      PER_PRINCIPAL + 5,
    );
    expect(before).toEqual(Array(PER_PRINCIPAL).fill(200));
    expect(limited?.headers['retry-after']).toMatch(/^[1-9]\d*$/);
    expect(limited?.json().message).toContain('COC_RATE_LIMIT_PER_PRINCIPAL');
    // The key's budget, not the address's: the same key elsewhere is refused, another key here is not.
    expect(
      (await httpCall(`${url}/api/v1/kpis`, { headers: bearer(viewer.secret), from: '127.0.1.2' })).status,
    ).toBe(429);
    expect(
      (await httpCall(`${url}/api/v1/kpis`, { headers: bearer(other.secret), from: '127.0.1.1' })).status,
    ).toBe(200);
    report(
      `[limits] gateway: key limited after ${before.length} requests, Retry-After ${String(limited?.headers['retry-after'])} s`,
    );
  });

  it('counts every key of one address against the address’s limit', async () => {
    const statuses: number[] = [];
    for (const viewer of viewers.slice(2)) {
      for (let i = 0; i < PER_PRINCIPAL - 1; i += 1) {
        statuses.push(
          (await httpCall(`${url}/api/v1/kpis`, { headers: bearer(viewer.secret), from: '127.0.2.1' }))
            .status,
        );
      }
    }
    expect(statuses.slice(0, PER_ADDRESS)).toEqual(Array(PER_ADDRESS).fill(200));
    expect(new Set(statuses.slice(PER_ADDRESS))).toEqual(new Set([429]));
  });

  it('cuts an anonymous flood per address before the access guard, and spares the address’s authenticated calls', async () => {
    const { before, limited } = await callUntilLimited(
      `${url}/api/v1/kpis`,
      { from: '127.0.3.1' },
      ANONYMOUS_PER_ADDRESS + 5,
    );
    expect(before).toEqual(Array(ANONYMOUS_PER_ADDRESS).fill(401));
    expect(limited?.headers['retry-after']).toMatch(/^[1-9]\d*$/);
    expect(limited?.json().message).toContain('COC_RATE_LIMIT_ANONYMOUS_PER_ADDRESS');
    expect((await httpCall(`${url}/health`, { from: '127.0.3.1' })).status).toBe(429);
    expect(
      (await httpCall(`${url}/api/v1/kpis`, { headers: bearer(admin.secret), from: '127.0.3.1' })).status,
    ).toBe(200);
    expect((await httpCall(`${url}/health`, { from: '127.0.3.2' })).status).toBe(200);
  });

  it('answers 413 as JSON past the body limit, and parses only an authenticated body', async () => {
    const from = '127.0.4.1';
    const post = (body: string, headers: Record<string, string> = {}) =>
      httpCall(`${url}/api/v1/access/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body,
        from,
      });
    const small = JSON.stringify({ note: 'x'.repeat(100) });
    const large = JSON.stringify({ note: 'x'.repeat(MAX_BODY) });
    expect((await post(small, bearer(admin.secret))).status).toBe(200);
    const tooLarge = await post(large, bearer(admin.secret));
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.json()).toEqual({
      statusCode: 413,
      error: 'Payload Too Large',
      message: `the request body exceeds COC_HTTP_MAX_BODY_BYTES (${MAX_BODY} bytes); split it into smaller requests`,
    });
    // Garbage from a key is parsed, and refused as such...
    expect((await post('{"not json', bearer(admin.secret))).status).toBe(400);
    // ...from nobody, or a wrong key, it is never read: 401, whatever its size or content.
    const garbage = '{"not json'.repeat(1_000_000);
    for (const headers of [{}, bearer('coc_not-a-key')]) {
      for (const body of ['{"not json', garbage]) {
        const answer = await post(body, headers);
        expect({ size: body.length, status: answer.status }).toEqual({ size: body.length, status: 401 });
      }
    }
  });

  it('refuses a KPI period of a century on a province with 400 and the reason', async () => {
    const from = '127.0.5.1';
    const headers = bearer(admin.secret);
    const custom = await httpCall(
      `${url}/api/v1/units/25/kpis/${KPI}?period=custom&from=1926-01-01&to=2025-12-31`,
      { headers, from },
    );
    expect(custom.status).toBe(400);
    expect(custom.json().message).toBe(
      '1926-01-01..2025-12-31 is 36525 days; a KPI query covers at most 731 days (COC_KPI_MAX_PERIOD_DAYS)',
    );
    const series = await httpCall(
      `${url}/api/v1/units/25/kpis/${KPI}/series?granularity=month&from=1926-01-01&to=2025-12-31`,
      { headers, from },
    );
    expect(series.status).toBe(400);
    expect(series.json().message).toContain('COC_KPI_MAX_PERIOD_DAYS');
  });

  it('sends helmet’s headers and no X-Powered-By', async () => {
    for (const path of ['/health', '/api/v1/kpis']) {
      expectSecurityHeaders(
        (await httpCall(`${url}${path}`, { headers: bearer(admin.secret), from: '127.0.6.1' })).headers,
      );
    }
  });

  it('gives CORS headers to an allowed origin only, over HTTP and at the socket.io handshake', async () => {
    const from = '127.0.7.1';
    const read = (origin: string) =>
      httpCall(`${url}/api/v1/kpis`, { headers: { ...bearer(admin.secret), origin }, from });
    expect((await read(ALLOWED_ORIGIN)).headers['access-control-allow-origin']).toBe(ALLOWED_ORIGIN);
    expect((await read(OTHER_ORIGIN)).headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await httpCall(`${url}/api/v1/kpis`, {
      method: 'OPTIONS',
      headers: {
        origin: ALLOWED_ORIGIN,
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'authorization',
      },
      from,
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-headers']).toContain('Authorization');

    const token = await tokenOf(screen.secret);
    expect((await connect({ token }, { origin: OTHER_ORIGIN })).error?.message).toBeDefined();
    expect((await connect({ token }, { origin: ALLOWED_ORIGIN })).error).toBeUndefined();
    expect((await connect({ token }, { origin: url })).error).toBeUndefined();
    expect((await connect({ token })).error).toBeUndefined();
  });

  it(`refuses a socket’s messages past ${SOCKET_MESSAGES} a minute, before any handler runs`, async () => {
    const { socket, error } = await connect({ token: await tokenOf(screen.secret) });
    expect(error).toBeUndefined();
    type Reply = { ok: boolean; error?: string; retryAfterMs?: number };
    const replies: Reply[] = [];
    for (let i = 0; i <= SOCKET_MESSAGES; i += 1) {
      replies.push((await socket.timeout(10_000).emitWithAck('subscribe', { unitCode: '26734' })) as Reply);
    }
    expect(replies.slice(0, SOCKET_MESSAGES).map((r) => r.ok)).toEqual(Array(SOCKET_MESSAGES).fill(true));
    expect(replies[SOCKET_MESSAGES]).toEqual({
      ok: false,
      error: expect.stringContaining('COC_SOCKET_MESSAGES_PER_MINUTE'),
      retryAfterMs: expect.any(Number),
    });
  });

  it(`disconnects the sockets of a revoked key, by key and by token, within ${REFRESH_MS} ms plus a store read`, async () => {
    const store = new ClickHouseKeyStore(clickhouse);
    const issued = testKey('screen-store-26734', 'screen', ['26734']);
    const stored = {
      id: issued.id,
      role: issued.role,
      units: issued.units,
      sources: 'all' as const,
      sha256: sha256Of(issued.secret),
      createdAt: new Date(),
    };
    await store.save(stored);
    await new Promise((r) => setTimeout(r, REFRESH_MS));
    const token = await tokenOf(issued.secret);
    const byToken = await connect({ token });
    const byKey = await connect({ token: issued.secret });
    expect([byToken.error, byKey.error]).toEqual([undefined, undefined]);
    const cut = (socket: Socket) =>
      new Promise<{ reason: string; at: number }>((resolve) =>
        socket.once('disconnect', (reason) => resolve({ reason, at: Date.now() })),
      );
    const cuts = [cut(byToken.socket), cut(byKey.socket)];

    await store.save({ ...stored, revokedAt: new Date() });
    const revokedAt = Date.now();
    const [first, second] = await Promise.all(cuts);
    const after = Math.max(first.at, second.at) - revokedAt;
    expect([first.reason, second.reason]).toEqual(['io server disconnect', 'io server disconnect']);
    expect(after).toBeLessThanOrEqual(REFRESH_MS + 500);
    // The token issued from the revoked key opens nothing any more either.
    expect((await httpCall(`${url}/api/v1/kpis`, { headers: bearer(token), from: '127.0.8.1' })).status).toBe(
      401,
    );
    expect((await connect({ token })).error?.message).toMatch(/^unauthorized/);
    report(
      `[limits] sockets of a revoked key disconnected ${after} ms after the revocation (refresh ${REFRESH_MS} ms)`,
    );
  });
});
