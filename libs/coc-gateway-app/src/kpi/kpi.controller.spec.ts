import type { NestExpressApplication } from '@nestjs/platform-express';
import { CqrsModule } from '@nestjs/cqrs';
import { Test } from '@nestjs/testing';
import { AccessEnv, SECURE_APP_OPTIONS, accessProviders } from '@libs/access';
import { AdministrativeHierarchy } from '@libs/admin-units';
import { KPI_ENGINE } from '@libs/kpi-store';
import { ReferenceData, ReferenceDataSource } from '@libs/reference-data';
import { InMemoryAuditTrail, accessEnvFor, bearer, inMemoryAuditProviders, testKey } from '@libs/testing';
import { configureGatewayApp } from '../gateway-app';
import { mergedHierarchy } from '../../test/merged-hierarchy.fixture';
import { DEFAULT_UNIT_PLANS, UNIT_PLANS, parseUnitPlans } from '../hierarchy/unit-plans';
import { JUNE_2025_DOSSIERS } from '../../test/dossier-events.fixture';
import { FEED_FRESHNESS } from './feed-freshness.port';
import { InMemoryKpiEngine } from '../../test/in-memory-kpi-engine';
import { KpiQueryEnv } from './kpi-query.env';
import { KpiReader } from './kpi-reader.service';
import { KpiController } from './kpi.controller';
import { KPI_QUERY_HANDLERS } from './queries';

const KPI = 'tthc_dossiers_on_central_onestop_pct';

/** The HTTP surface over a fake engine: validation, status codes and the OpenAPI description. */
describe(KpiController.name, () => {
  const admin = testKey('admin', 'admin', ['*']);
  const audit = new InMemoryAuditTrail();
  let app: NestExpressApplication;
  let url: string;

  beforeAll(async () => {
    const engine = new InMemoryKpiEngine(JUNE_2025_DOSSIERS);
    const module = await Test.createTestingModule({
      imports: [CqrsModule.forRoot()],
      controllers: [KpiController],
      providers: [
        ...KPI_QUERY_HANDLERS,
        KpiQueryEnv,
        KpiReader,
        { provide: KPI_ENGINE, useValue: engine },
        { provide: FEED_FRESHNESS, useValue: engine },
        { provide: AdministrativeHierarchy, useValue: mergedHierarchy() },
        { provide: UNIT_PLANS, useValue: parseUnitPlans(DEFAULT_UNIT_PLANS) },
        ...accessProviders({ hierarchy: AdministrativeHierarchy, keyStore: 'none' }),
        ...inMemoryAuditProviders('coc-gateway', audit),
        {
          provide: ReferenceDataSource,
          useValue: { current: () => new ReferenceData('', mergedHierarchy(), 'configuration', [], []) },
        },
      ],
    })
      .overrideProvider(AccessEnv)
      .useValue(Object.assign(new AccessEnv(), accessEnvFor([admin])))
      .compile();
    app = configureGatewayApp(
      module.createNestApplication<NestExpressApplication>({ ...SECURE_APP_OPTIONS, logger: false }),
    );
    await app.listen(0, '127.0.0.1');
    url = await app.getUrl();
  });

  afterAll(async () => {
    await app.close();
  });

  async function get(path: string): Promise<{ status: number; body: Record<string, unknown> }> {
    const res = await fetch(`${url}${path}`, { headers: bearer(admin.secret) });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }

  it('answers a district’s KPI over HTTP', async () => {
    const { status, body } = await get(`/api/v1/units/248/kpis/${KPI}?period=month&date=2025-06-15`);
    expect(status).toBe(200);
    expect(body.kpi).toMatchObject({ numerator: 4, denominator: 6, status: 'no_target' });
  });

  it('takes asOf whose plus sign arrived as a space', async () => {
    const { status, body } = await get(
      `/api/v1/units/26734/kpis/${KPI}?period=month&date=2025-06-15&asOf=2025-06-11T00:00:00+07:00`,
    );
    expect(status).toBe(200);
    expect(body.kpi).toMatchObject({ numerator: 2, denominator: 2, asOf: '2025-06-10T17:00:00.000Z' });
  });

  it.each([
    ['/api/v1/units/12ab/kpis', 'unitCode must be an official unit code of 2, 3 or 5 digits'],
    [
      '/api/v1/units/26734/kpis?period=fortnight',
      'period must be one of day, week, month, quarter, year, custom',
    ],
    ['/api/v1/units/26734/kpis?date=20-11-2026', 'date must be a real local calendar date YYYY-MM-DD'],
    ['/api/v1/units/26734/kpis?date=2026-02-30', 'date must be a real local calendar date YYYY-MM-DD'],
    [
      '/api/v1/units/26734/kpis?period=custom&from=2026-02-29&to=2026-03-01',
      'from must be a real local calendar date YYYY-MM-DD',
    ],
    [
      '/api/v1/units/26734/kpis?period=custom&from=2020-01-01&to=2026-11-01',
      'a KPI query covers at most 731 days (COC_KPI_MAX_PERIOD_DAYS)',
    ],
    [`/api/v1/units/26734/kpis/${KPI}/series?to=2026-04-31`, 'to must be a real local calendar date'],
    ['/api/v1/units/26734/kpis?asOf=2026-13-01T00:00Z', 'asOf must be a real ISO 8601 instant with a zone'],
    ['/api/v1/units/26734/kpis?asOf=2026-02-30T00:00Z', 'asOf must be a real ISO 8601 instant with a zone'],
    ['/api/v1/units/26734/kpis?asOf=1969-12-31T23:00:00Z', 'between 1970 and 2106'],
    ['/api/v1/units/26734/kpis?period=custom&from=2026-11-01', 'period=custom needs from and to'],
    ['/api/v1/units/26734/kpis?hierarchy=2019', 'hierarchy must be one of current, pre2025'],
    ['/api/v1/units/26734/kpis?asOf=yesterday', 'asOf must be a real ISO 8601 instant with a zone'],
    [
      `/api/v1/units/26734/kpis/${KPI}/series?granularity=hour`,
      'granularity must be one of day, week, month',
    ],
    [`/api/v1/units/26734/kpis/${KPI}/breakdown`, 'by must name a payload field'],
    [
      `/api/v1/units/26734/kpis/${KPI}/breakdown?by=cameraId`,
      `KPI ${KPI} breaks down by channel, not by cameraId`,
    ],
  ])('answers 400 with the reason for %s', async (path, reason) => {
    const { status, body } = await get(path);
    expect(status).toBe(400);
    expect([body.message].flat().join('\n')).toContain(reason);
    // The refusal is audited with the route pattern, never the URL with its query.
    expect(audit.entries.at(-1)).toMatchObject({ principalId: 'admin', outcome: '4xx', status: 400 });
    expect(audit.entries.at(-1)?.action).not.toContain('?');
  });

  it.each([
    ['/api/v1/units/99999/kpis', 'unit 99999 is not in the administrative hierarchy on 2026'],
    ['/api/v1/units/26734/kpis/no_such_kpi', 'no KPI no_such_kpi'],
  ])('answers 404 for %s', async (path, reason) => {
    const { status, body } = await get(path);
    expect(status).toBe(404);
    expect(body.message).toContain(reason);
  });

  it('describes the API in OpenAPI at /api/docs-json and serves the UI at /api/docs', async () => {
    const { status, body } = await get('/api/docs-json');
    expect(status).toBe(200);
    expect(Object.keys(body.paths as object)).toEqual(
      expect.arrayContaining([
        '/api/v1/kpis',
        '/api/v1/units/{unitCode}/kpis',
        '/api/v1/units/{unitCode}/kpis/{kpiId}',
        '/api/v1/units/{unitCode}/kpis/{kpiId}/series',
        '/api/v1/units/{unitCode}/kpis/{kpiId}/breakdown',
      ]),
    );
    const ui = await fetch(`${url}/api/docs`, { headers: bearer(admin.secret) });
    expect(ui.status).toBe(200);
    expect(await ui.text()).toContain('swagger');
  });
});
