import { mappedRoutes, report, testKey, walkRoutes } from '@libs/testing';
import { Level, upstreamKeyOf } from './sync-test-kit';

/** The only routes anyone may call without a credential; a new public route must be added here on purpose. */
const PUBLIC_ROUTES = ['GET /health', 'GET /health/ready', 'GET /health/live'];

/**
 * Access control of the built ioc-sync of district 248 on the real services: every route Nest
 * mapped is called without a credential, with one outside its scope or role, and with the ones it
 * admits (its child's upstream key, an IOC of the district, an admin), so a route added later
 * without a policy fails here.
 */
describe('ioc-sync access control', () => {
  const child = upstreamKeyOf('26734');
  const districtIoc = testKey('ioc-248', 'ioc', ['248']);
  const otherIoc = testKey('ioc-249', 'ioc', ['249']);
  const connector = testKey('onestop-26734', 'connector', ['26734'], ['onestop']);
  let district: Level;

  beforeAll(async () => {
    district = new Level('district', '248', [], [child, districtIoc, otherIoc, connector]);
    await district.start();
  });

  afterAll(async () => {
    await district?.stop();
  });

  it('walks every mapped route: public ones open, every other refused without a credential and outside its scope or role', async () => {
    const routes = mappedRoutes(district.sync.logFile);
    expect(routes.map((r) => `${r.method} ${r.path}`)).toEqual(
      expect.arrayContaining([
        ...PUBLIC_ROUTES,
        'GET /metrics',
        'GET /api/v1/ioc/units/:unitCode/rollups',
        'GET /api/v1/ioc/units/:unitCode/completeness',
        'POST /api/v1/sync/batches',
        'GET /api/v1/sync/status',
      ]),
    );
    const open = await walkRoutes(routes, {
      url: district.sync.url,
      concrete: (path) =>
        path
          .replace(':unitCode', '248')
          .replace(':origin', '26734')
          .concat(path.includes(':unitCode') ? '?from=2025-06-01&to=2025-06-02' : ''),
      // Another district's IOC for a unit's rollups; a source system's key anywhere else.
      outsider: ({ path }) => (path.includes(':unitCode') ? otherIoc : connector),
      insiders: [child, districtIoc, district.admin],
    });
    expect(open).toEqual(PUBLIC_ROUTES);
    report(`[access] ioc-sync: ${routes.length} routes walked; public: ${open.join(', ')}`);
  });
});
