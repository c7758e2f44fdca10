import { createClient } from '@clickhouse/client';
import type { AnalyticsStore } from '@libs/clickhouse';
import { io, type Socket } from 'socket.io-client';
import { AUDIT_QUERIES, bindAuditQuery } from '@libs/access';
import { localDateOf } from '@libs/admin-units';
import { identifier, sql } from '@libs/clickhouse';
import { WALL_SCREEN_NAMESPACE, type ScreenSnapshot, type SubscribeReply } from '@libs/contracts';
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
} from '@libs/testing';

const KPI = 'tthc_dossiers_on_central_onestop_pct';
const COMMUNE = '26734';
/** A commune of another district than 248 (before the reform). */
const OTHER_DISTRICTS_COMMUNE = '26740';
const DISTRICT = '248';

type Row = Record<string, unknown>;

/**
 * The audit trail end to end, on the built apps as deployed (ingest, coc-gateway, ioc-sync as a
 * district IOC, one database and topic prefix): real calls through REST, a socket.io screen and
 * the pull API, then exactly the two documented queries of the README against ClickHouse.
 */
describe('access audit: who saw what', () => {
  const services = testServices();
  const id = uniqueTestId('audit');
  const screen = testKey(`screen-${COMMUNE}`, 'screen', [COMMUNE]);
  const viewer = testKey(`viewer-${COMMUNE}`, 'viewer', [COMMUNE]);
  const district = testKey(`viewer-district-${DISTRICT}`, 'viewer', [DISTRICT]);
  const ioc = testKey(`ioc-district-${DISTRICT}`, 'ioc', [DISTRICT]);
  const keys = [screen, viewer, district, ioc];
  const env: Record<string, string> = {
    ...accessEnvFor(keys),
    KAFKA_BROKERS: services.kafkaBrokers.join(','),
    KAFKA_TOPIC_PREFIX: `${id}.`,
    CLICKHOUSE_URL: services.clickhouseUrl,
    CLICKHOUSE_DATABASE: id,
    INGEST_GROUP_ID: `${id}-ingest`,
    INGEST_BATCH_MAX_WAIT_MS: '100',
    COC_GATEWAY_INSTANCE_ID: id,
    COC_AUDIT_FLUSH_MS: '200',
    IOC_SYNC_ROLE: 'district',
    IOC_SYNC_UNIT_CODE: DISTRICT,
    IOC_SYNC_UPSTREAM_URLS: '',
  };
  const apps: AppProcess[] = [];
  const sockets: Socket[] = [];
  let gateway: AppProcess;
  let iocSync: AppProcess;
  let clickhouse: AnalyticsStore;
  const credentials: string[] = keys.map((k) => k.secret);

  const get = async (base: AppProcess, path: string, credential: string) => {
    const res = await fetch(`${base.url}${path}`, { headers: bearer(credential) });
    return { status: res.status, body: (await res.json()) as Row };
  };
  const rows = async (query: string): Promise<Row[]> =>
    (await clickhouse.query({ query, format: 'JSONEachRow' })).json<Row>();

  beforeAll(async () => {
    // ingest first: it applies the schema and is the audit table's only writer.
    apps.push(await startApp('ingest', env));
    gateway = await startApp('coc-gateway', env);
    iocSync = await startApp('ioc-sync', env);
    apps.push(gateway, iocSync);
    clickhouse = createClient({ url: services.clickhouseUrl, database: id });
  }, 180_000);

  afterAll(async () => {
    sockets.forEach((s) => s.close());
    for (const app of apps.reverse()) await app.stop();
    await clickhouse?.command({ query: sql`DROP DATABASE IF EXISTS ${identifier(id)}`.text });
    await clickhouse?.close();
  });

  it('answers the two documented questions from real calls, and stores no key or token', async () => {
    const today = localDateOf(new Date());

    // A person reads commune X's KPIs over REST.
    const read = await get(gateway, `/api/v1/units/${COMMUNE}/kpis?period=day&date=${today}`, viewer.secret);
    expect(read.status).toBe(200);

    // Commune X's wall screen: a token from its key, the socket, one snapshot.
    const issued = await fetch(`${gateway.url}/api/v1/access/token`, {
      method: 'POST',
      headers: bearer(screen.secret),
    });
    const { token } = (await issued.json()) as { token: string };
    credentials.push(token);
    const socket = io(`${gateway.url}${WALL_SCREEN_NAMESPACE}`, {
      transports: ['websocket'],
      auth: { token },
      reconnection: false,
    });
    sockets.push(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('connect_error', reject);
    });
    const reply = await new Promise<SubscribeReply>((resolve) =>
      socket.emit('subscribe', { unitCode: COMMUNE }, resolve),
    );
    if (!reply.ok || !('snapshot' in reply)) throw new Error(`no snapshot: ${JSON.stringify(reply)}`);
    const snapshot: ScreenSnapshot = reply.snapshot;

    // A district principal asks for another district's commune: refused by the guard.
    const refused = await get(
      gateway,
      `/api/v1/units/${OTHER_DISTRICTS_COMMUNE}/kpis/${KPI}?date=2025-06-10`,
      district.secret,
    );
    expect(refused.status).toBe(403);

    // The district IOC's rollups pulled from ioc-sync, once with its key, once by a commune's viewer.
    const pullPath = `/api/v1/ioc/units/${DISTRICT}/rollups?kpi=${KPI}&from=2025-06-01&to=2025-06-30`;
    const pull = await get(iocSync, pullPath, ioc.secret);
    expect(pull.status).toBe(200);
    expect((await get(iocSync, pullPath, viewer.secret)).status).toBe(403);

    // A screen without a credential is refused at the handshake.
    const anonymous = io(`${gateway.url}${WALL_SCREEN_NAMESPACE}`, {
      transports: ['websocket'],
      reconnection: false,
    });
    sockets.push(anonymous);
    await new Promise<void>((resolve) => anonymous.once('connect_error', () => resolve()));
    const calledAt = Date.now();

    const unitOnDay = (unit: string) => bindAuditQuery(AUDIT_QUERIES.unitOnDay, { unit, day: today });
    const shown = await eventually(
      async () => {
        const found = await rows(unitOnDay(COMMUNE));
        expect(found.map((r) => r.action)).toEqual(
          expect.arrayContaining(['GET /api/v1/units/:unitCode/kpis', 'subscribe']),
        );
        return found;
      },
      { timeoutMs: 30_000, intervalMs: 100 },
    );
    const visibleAfterMs = Date.now() - calledAt;
    expect(shown).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          app: 'coc-gateway',
          action: 'GET /api/v1/units/:unitCode/kpis',
          principal_id: viewer.id,
          role: 'viewer',
          address: expect.stringMatching(/127\.0\.0\.1/),
          period_name: 'day',
          period_from: today,
          period_to: today,
          as_of: read.body.asOf,
          kpi_ids: expect.arrayContaining([KPI]),
          outcome: 'allowed',
        }),
        expect.objectContaining({
          app: 'coc-gateway',
          action: 'subscribe',
          principal_id: screen.id,
          role: 'screen',
          kpi_ids: snapshot.tiles.map((t) => t.kpiId),
          period_name: 'live',
          as_of: snapshot.asOf,
          outcome: 'allowed',
        }),
      ]),
    );

    const denied = await eventually(async () => {
      const found = await rows(unitOnDay(OTHER_DISTRICTS_COMMUNE));
      expect(found).toHaveLength(1);
      return found[0];
    });
    expect(denied).toMatchObject({
      app: 'coc-gateway',
      action: 'GET /api/v1/units/:unitCode/kpis/:kpiId',
      principal_id: district.id,
      role: 'viewer',
      kpi_ids: [KPI],
      period_from: '2025-06-10',
      as_of: '',
      outcome: '403',
      detail: expect.stringContaining('outside the scope'),
    });

    const pulls = await eventually(async () => {
      const found = await rows(bindAuditQuery(AUDIT_QUERIES.rollupPullsLastWeek, { unit: DISTRICT }));
      expect(found).toHaveLength(2);
      return found;
    });
    expect(pulls).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          principal_id: ioc.id,
          role: 'ioc',
          scope: [DISTRICT],
          outcome: 'allowed',
          pulls: expect.anything(),
          kpis: [KPI],
        }),
        expect.objectContaining({ principal_id: viewer.id, role: 'viewer', outcome: '403' }),
      ]),
    );
    expect(pulls.map((p) => Number(p.pulls))).toEqual([1, 1]);

    // Not one of the documented questions (no unit): read directly.
    await eventually(async () => {
      const handshakes = await rows(
        `SELECT principal_id, action, outcome, status, detail FROM ${identifier(id).text}.access_audit WHERE action = 'connect'`,
      );
      expect(handshakes).toEqual([
        {
          principal_id: '',
          action: 'connect',
          outcome: '401',
          status: 401,
          detail: expect.stringMatching(/^unauthorized/),
        },
      ]);
    });

    // Nothing a caller presented is in the table: no key, no token, not even a fragment.
    const everything = JSON.stringify(await rows(`SELECT * FROM ${identifier(id).text}.access_audit`));
    for (const credential of credentials) expect(everything).not.toContain(credential.slice(-16));
    expect(everything).not.toMatch(/coc_[A-Za-z0-9_-]{20}|eyJ[A-Za-z0-9_-]{10}/);
    report(
      `[audit] ${shown.length} rows for ${COMMUNE} today, visible ${visibleAfterMs} ms after the last call (flush every 200 ms); pulls of ${DISTRICT}: ${pulls.length} principals`,
    );
  });
});
