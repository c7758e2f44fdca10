import { createClient } from '@clickhouse/client';
import { identifier, sql } from '@libs/clickhouse';
import {
  accessEnvFor,
  eventually,
  mappedRoutes,
  report,
  startApp,
  testKey,
  testServices,
  uniqueTestId,
  walkRoutes,
  type AppProcess,
} from '@libs/testing';

/** The only routes anyone may call without a credential; a new public route must be added here on purpose. */
const PUBLIC_ROUTES = ['GET /health', 'GET /health/ready', 'GET /health/live'];

/**
 * Access control of the built ingest on the real services: every route Nest mapped is called
 * without a credential, with one of a role or scope it must refuse, and with one it admits, so a
 * route added later without a policy fails here.
 */
describe('ingest access control', () => {
  const services = testServices();
  const id = uniqueTestId('ingest_walk');
  const admin = testKey('admin', 'admin', ['*']);
  const connector = testKey('onestop-26734', 'connector', ['26734'], ['onestop']);
  const screen = testKey('screen-26734', 'screen', ['26734']);
  const communeAdmin = testKey('admin-26734', 'admin', ['26734']);
  let app: AppProcess;

  beforeAll(async () => {
    app = await startApp('ingest', {
      ...accessEnvFor([admin, connector, screen, communeAdmin]),
      KAFKA_BROKERS: services.kafkaBrokers.join(','),
      KAFKA_TOPIC_PREFIX: `${id}.`,
      CLICKHOUSE_URL: services.clickhouseUrl,
      CLICKHOUSE_DATABASE: id,
      INGEST_GROUP_ID: `${id}-ingest`,
    });
  });

  afterAll(async () => {
    await app?.stop();
    const clickhouse = createClient({ url: services.clickhouseUrl });
    await clickhouse.command({ query: sql`DROP DATABASE IF EXISTS ${identifier(id)}`.text });
    await clickhouse.close();
  });

  it('walks every mapped route: public ones open, every other refused without a credential and to a role it does not admit', async () => {
    const routes = mappedRoutes(app.logFile);
    expect(routes.map((r) => `${r.method} ${r.path}`)).toEqual(
      expect.arrayContaining([
        ...PUBLIC_ROUTES,
        'GET /metrics',
        'POST /api/v1/events',
        'POST /api/v1/admin/reference/:kind',
        'GET /api/v1/admin/reference/imports',
      ]),
    );
    const open = await walkRoutes(routes, {
      url: app.url,
      concrete: (path) => path.replace(':kind', 'units'),
      // A wall screen may publish nothing and administer nothing.
      outsider: () => screen,
      insiders: [connector, admin],
    });
    expect(open).toEqual(PUBLIC_ROUTES);
    report(`[access] ingest: ${routes.length} routes walked; public: ${open.join(', ')}`);
  });

  it('refuses reference data to an admin of one commune: it is shared by every unit', async () => {
    const res = await fetch(`${app.url}/api/v1/admin/reference/units?dryRun=true`, {
      method: 'POST',
      headers: { authorization: `Bearer ${communeAdmin.secret}`, 'content-type': 'text/csv' },
      body: 'x',
    });
    expect(res.status).toBe(403);
  });

  it('audits the refusals: ingest stores its own entries like the other apps’', async () => {
    const clickhouse = createClient({ url: services.clickhouseUrl, database: id });
    try {
      await eventually(
        async () => {
          const rows = await (
            await clickhouse.query({
              query: `SELECT action, outcome, principal_id FROM access_audit FINAL WHERE app = 'ingest' ORDER BY at, id`,
              format: 'JSONEachRow',
            })
          ).json<{ action: string; outcome: string; principal_id: string }>();
          expect(rows).toEqual(
            expect.arrayContaining([
              { action: 'POST /api/v1/events', outcome: '401', principal_id: '' },
              { action: 'POST /api/v1/events', outcome: '403', principal_id: screen.id },
              { action: 'POST /api/v1/admin/reference/:kind', outcome: '403', principal_id: communeAdmin.id },
            ]),
          );
        },
        { timeoutMs: 20_000, intervalMs: 500 },
      );
    } finally {
      await clickhouse.close();
    }
  });
});
