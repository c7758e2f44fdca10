import type { AnalyticsStore } from '@libs/clickhouse';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { io, type Socket } from 'socket.io-client';
import { ClickHouseKeyStore, sha256Of } from '@libs/access';
import { ClickHouseEnv, TABLES, openAnalyticsStore, identifier, sql } from '@libs/clickhouse';
import { WALL_SCREEN_NAMESPACE } from '@libs/contracts';
import {
  accessEnvFor,
  bearer,
  gatewayClickHouseEnv,
  registeredRoutes,
  report,
  socketMessageHandlers,
  testKey,
  uniqueTestId,
  walkRoutes,
  type TestKey,
} from '@libs/testing';
import { startInProcessGateway, type InProcessGateway } from '../test/in-process-gateway';

const KPI = 'tthc_dossiers_on_central_onestop_pct';
/** The only routes anyone may call without a credential; a new public route must be added here on purpose. */
const PUBLIC_ROUTES = ['GET /health', 'GET /health/ready', 'GET /health/live'];
const REFRESH_MS = 1_000;

/**
 * Access control of the running gateway (in-process, real Kafka and ClickHouse): every route and
 * socket.io message handler the app registers is enumerated and called without a credential and
 * with one outside its scope, so a route added later without a policy fails here.
 */
describe('coc-gateway access control', () => {
  const id = uniqueTestId('gw_access');
  const admin = testKey('admin', 'admin', ['*']);
  const screenA = testKey('screen-26734', 'screen', ['26734']);
  const screenB = testKey('screen-26740', 'screen', ['26740']);
  const viewerA = testKey('viewer-26734', 'viewer', ['26734']);
  const district = testKey('viewer-district-248', 'viewer', ['248']);
  const province = testKey('ioc-province-25', 'ioc', ['25']);
  const oldProvince = testKey('ioc-province-26', 'ioc', ['26']);
  const connector = testKey('onestop-26734', 'connector', ['26734'], ['onestop']);
  const keys = [admin, screenA, screenB, viewerA, district, province, oldProvince, connector];
  let app: NestExpressApplication;
  let url: string;
  let clickhouse: AnalyticsStore;
  let gateway: InProcessGateway | undefined;
  const sockets: Socket[] = [];

  const call = async (method: string, path: string, key?: TestKey | string) => {
    const credential = typeof key === 'string' ? key : key?.secret;
    const res = await fetch(`${url}${path}`, { method, headers: credential ? bearer(credential) : {} });
    const text = await res.text();
    return { status: res.status, text };
  };
  const concrete = (path: string) => path.replace(':unitCode', '26734').replace(':kpiId', KPI);
  const tokenOf = async (key: TestKey) => {
    const res = await fetch(`${url}/api/v1/access/token`, { method: 'POST', headers: bearer(key.secret) });
    expect(res.status).toBe(200);
    return ((await res.json()) as { token: string }).token;
  };
  const connect = (auth: Record<string, string>, namespace = WALL_SCREEN_NAMESPACE) => {
    const socket = io(`${url}${namespace}`, {
      transports: ['websocket'],
      auth,
      reconnection: false,
    });
    sockets.push(socket);
    return new Promise<{ socket: Socket; error?: Error }>((resolve) => {
      socket.once('connect', () => resolve({ socket }));
      socket.once('connect_error', (error) => resolve({ socket, error }));
    });
  };
  /** What a message handler answers: its acknowledgement, or the exception the guard raised. */
  const attempt = (socket: Socket, message: string, body: unknown) =>
    new Promise<{ ack?: unknown; exception?: { status?: number; message?: string } }>((resolve) => {
      socket.once('exception', (exception: { status?: number; message?: string }) => resolve({ exception }));
      socket.emit(message, body, (ack: unknown) => resolve({ ack }));
    });

  beforeAll(async () => {
    gateway = await startInProcessGateway(id, {
      ...accessEnvFor(keys),
      COC_ACCESS_KEY_REFRESH_MS: String(REFRESH_MS),
    });
    ({ app, url, clickhouse } = gateway);
  });

  afterAll(async () => {
    sockets.forEach((s) => s.close());
    await gateway?.close();
  });

  it('walks every registered route: public ones open, every other refused without a credential and outside its scope', async () => {
    const routes = registeredRoutes(app);
    expect(routes.map((r) => `${r.method} ${r.path}`)).toEqual(
      expect.arrayContaining([
        'GET /health',
        'GET /health/ready',
        'GET /health/live',
        'GET /metrics',
        'GET /api/v1/kpis',
        'GET /api/v1/units/:unitCode/kpis/:kpiId',
        'POST /api/v1/access/token',
        'GET /api/docs-json',
      ]),
    );
    const open = await walkRoutes(routes, {
      url,
      concrete,
      // Outside its scope: another commune's screen for a unit route, a role it does not admit otherwise.
      outsider: ({ path }) => (path.includes(':unitCode') ? screenB : connector),
      // An admin passes the guard: a route without a declared policy would be refused to everyone.
      insiders: [admin],
    });
    expect(open).toEqual(PUBLIC_ROUTES);
    report(`[access] ${routes.length} routes walked; public: ${open.join(', ')}`);
  });

  it('tells anonymous health callers only up or down; the details only to an admin', async () => {
    for (const path of ['/health', '/health/ready', '/health/live']) {
      const anonymous = JSON.parse((await call('GET', path)).text) as Record<string, unknown>;
      expect({ path, answer: anonymous }).toEqual({
        path,
        answer: { status: expect.stringMatching(/^(up|down)$/) },
      });
      expect(JSON.parse((await call('GET', path, viewerA)).text)).toEqual(anonymous);
      const byAdmin = JSON.parse((await call('GET', path, admin)).text) as Record<string, unknown>;
      expect({ path, details: byAdmin.details }).toEqual({ path, details: expect.any(Object) });
    }
  });

  it('walks every socket.io message handler: no connection without a credential, refused outside the scope or role', async () => {
    const handlers = socketMessageHandlers(app);
    expect(handlers).toContainEqual({ namespace: WALL_SCREEN_NAMESPACE, message: 'subscribe' });
    for (const namespace of new Set(handlers.map((h) => h.namespace))) {
      expect((await connect({}, namespace)).error?.message).toMatch(/^unauthorized/);
      expect((await connect({ token: 'a.b.c' }, namespace)).error?.message).toMatch(/^unauthorized/);
    }

    const outsider = await connect({ token: await tokenOf(screenB) });
    expect(outsider.error).toBeUndefined();
    const wrongRole = await connect({ token: connector.secret });
    expect(wrongRole.error).toBeUndefined();
    for (const { message } of handlers) {
      expect(await attempt(outsider.socket, message, { unitCode: '26734' })).toEqual({
        exception: expect.objectContaining({ status: 403 }),
      });
      expect(await attempt(wrongRole.socket, message, { unitCode: '26734' })).toEqual({
        exception: expect.objectContaining({ status: 403 }),
      });
    }
    report(
      `[access] socket.io handlers walked: ${handlers.map((h) => `${h.namespace} ${h.message}`).join(', ')}`,
    );
  });

  it('lets a screen token of commune A view its own screen but not commune B’s; an IOC key views its communes', async () => {
    const screen = await connect({ token: await tokenOf(screenA) });
    expect(await attempt(screen.socket, 'subscribe', { unitCode: '26734' })).toEqual({
      ack: {
        ok: true,
        snapshot: expect.objectContaining({ unit: expect.objectContaining({ code: '26734' }) }),
      },
    });
    expect(await attempt(screen.socket, 'subscribe', { unitCode: '26740' })).toEqual({
      exception: expect.objectContaining({ status: 403 }),
    });
    // An IOC is a server, not a browser: it presents its key at the handshake.
    const ioc = await connect({ token: province.secret });
    expect(await attempt(ioc.socket, 'subscribe', { unitCode: '26740' })).toMatchObject({
      ack: { ok: true },
    });
    expect(await attempt(ioc.socket, 'subscribe', { unitCode: '26' })).toEqual({
      exception: expect.objectContaining({ status: 403 }),
    });
  });

  it.each([
    ['screen', screenA, `/api/v1/units/26734/kpis/${KPI}`, `/api/v1/units/26740/kpis/${KPI}`],
    ['viewer', viewerA, '/api/v1/units/26734/event-counts', '/api/v1/units/25/event-counts'],
    [
      'district viewer (before the reform)',
      district,
      `/api/v1/units/26737/kpis/${KPI}?date=2025-06-10`,
      `/api/v1/units/26740/kpis/${KPI}?date=2025-06-10`,
    ],
    [
      'province ioc',
      province,
      `/api/v1/units/26740/kpis/${KPI}`,
      `/api/v1/units/26740/kpis/${KPI}?date=2025-06-10`,
    ],
    ['connector', connector, undefined, '/api/v1/kpis'],
  ])('%s: allowed in its scope, 403 outside it', async (_role, key, allowed, denied) => {
    if (allowed) expect((await call('GET', allowed, key)).status).toBe(200);
    expect((await call('GET', denied, key)).status).toBe(403);
  });

  it('gives an ioc and a connector no browser token; a district principal nothing after the reform', async () => {
    expect((await call('POST', '/api/v1/access/token', province)).status).toBe(403);
    expect((await call('POST', '/api/v1/access/token', connector)).status).toBe(403);
    expect((await call('GET', `/api/v1/units/26734/kpis/${KPI}`, district)).status).toBe(403);
    expect((await call('GET', `/api/v1/units/26734/kpis/${KPI}`, oldProvince)).status).toBe(403);
  });

  it(`refuses a revoked key of the shared store, and the tokens issued from it, within ${REFRESH_MS} ms`, async () => {
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
    const token = await tokenOf(issued);
    const path = `/api/v1/units/26734/kpis/${KPI}`;
    expect((await call('GET', path, issued)).status).toBe(200);
    expect((await call('GET', path, token)).status).toBe(200);

    await store.save({ ...stored, revokedAt: new Date() });
    const revokedAt = Date.now();
    let refusedAfter = -1;
    while (Date.now() - revokedAt < 3 * REFRESH_MS) {
      if ((await call('GET', path, issued)).status === 401) {
        refusedAfter = Date.now() - revokedAt;
        break;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(refusedAfter).toBeGreaterThanOrEqual(0);
    // The stated delay, plus one read of the key store (slower on a loaded machine).
    expect(refusedAfter).toBeLessThanOrEqual(REFRESH_MS + 500);
    expect((await call('GET', path, token)).status).toBe(401);
    report(
      `[access] revoked key refused ${refusedAfter} ms after revocation (COC_ACCESS_KEY_REFRESH_MS=${REFRESH_MS})`,
    );
  });

  it('reads ClickHouse as a user the server refuses every DDL and INSERT, while its reads and KPIs work', async () => {
    const configured = app.get(ClickHouseEnv);
    expect(configured.CLICKHOUSE_USER).toBe(gatewayClickHouseEnv().CLICKHOUSE_USER);
    const asGateway = openAnalyticsStore(configured);
    try {
      const table = identifier(TABLES.accessKeys);
      const refused: Record<string, string> = {};
      for (const [what, query] of [
        ['CREATE TABLE', `CREATE TABLE ${id}.gw_probe (a UInt8) ENGINE = Memory`],
        ['CREATE DATABASE', `CREATE DATABASE ${id}_gw_probe`],
        ['ALTER', sql`ALTER TABLE ${table} ADD COLUMN gw_probe UInt8`.text],
        ['INSERT', sql`INSERT INTO ${table} (id) VALUES ('gw_probe')`.text],
        ['DROP', sql`DROP TABLE ${table}`.text],
        ['SET readonly', 'SET readonly = 0'],
      ]) {
        refused[what] = await asGateway.command({ query }).then(
          () => 'accepted',
          (error: Error) => error.message,
        );
      }
      for (const message of Object.values(refused)) expect(message).toMatch(/readonly mode/);
      report(`[access] gateway ClickHouse user ${configured.CLICKHOUSE_USER}: ${JSON.stringify(refused)}`);
      // the table is still there, unchanged, and readable with the client's per-query settings
      const columns = await asGateway.query({
        query: sql`DESCRIBE TABLE ${table}`.text,
        format: 'JSONEachRow',
      });
      expect((await columns.json<{ name: string }>()).map((c) => c.name)).not.toContain('gw_probe');
      const limits = await asGateway.query({
        query: `SELECT name, value FROM system.settings WHERE name IN ('readonly', 'max_execution_time', 'max_memory_usage') ORDER BY name`,
        format: 'JSONEachRow',
      });
      const byName = Object.fromEntries(
        (await limits.json<{ name: string; value: string }>()).map((r) => [r.name, Number(r.value)]),
      );
      expect(byName.readonly).toBe(2);
      expect(byName.max_execution_time).toBeGreaterThan(0);
      expect(byName.max_memory_usage).toBeGreaterThan(0);
    } finally {
      await asGateway.close();
    }
    const kpi = await call('GET', `/api/v1/units/26734/kpis/${KPI}?period=month&date=2026-11-15`, admin);
    expect(kpi.status).toBe(200);
    expect(JSON.parse(kpi.text)).toMatchObject({ kpi: { kpiId: KPI } });
  });
});
