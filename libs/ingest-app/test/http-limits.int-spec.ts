import { createClient } from '@clickhouse/client';
import type { AnalyticsStore } from '@libs/clickhouse';
import { identifier, sql } from '@libs/clickhouse';
import {
  accessEnvFor,
  bearer,
  callUntilLimited,
  expectSecurityHeaders,
  httpCall,
  report,
  startApp,
  testKey,
  testServices,
  uniqueTestId,
  type AppProcess,
} from '@libs/testing';

const PER_PRINCIPAL = 15;
const ANONYMOUS_PER_ADDRESS = 10;
const MAX_BODY = 4_096;
const ALLOWED_ORIGIN = 'https://portal.dongnai.example.vn';

/**
 * The built ingest's HTTP limits on the real services, with small limits: per key and per
 * address, the batch route's body limit, anonymous bodies never parsed, helmet and CORS.
 */
describe('ingest HTTP limits', () => {
  const services = testServices();
  const id = uniqueTestId('ingest_limits');
  const connector = testKey('onestop-portal', 'connector', ['26734'], ['onestop']);
  // A key of its own budget for the body cases: the first case spends the connector's.
  const batcher = testKey('onestop-batcher', 'connector', ['26734'], ['onestop']);
  const admin = testKey('admin', 'admin', ['*']);
  let app: AppProcess;
  let clickhouse: AnalyticsStore;
  const events = () => `${app.url}/api/v1/events`;
  const post = (
    body: string,
    headers: Record<string, string>,
    from: string,
    contentType = 'application/json',
  ) =>
    httpCall(events(), { method: 'POST', headers: { 'content-type': contentType, ...headers }, body, from });

  beforeAll(async () => {
    clickhouse = createClient({ url: services.clickhouseUrl });
    app = await startApp('ingest', {
      ...accessEnvFor([connector, batcher, admin]),
      KAFKA_BROKERS: services.kafkaBrokers.join(','),
      KAFKA_TOPIC_PREFIX: `${id}.`,
      CLICKHOUSE_URL: services.clickhouseUrl,
      CLICKHOUSE_DATABASE: id,
      INGEST_GROUP_ID: `${id}-ingest`,
      INGEST_HTTP_MAX_BODY_BYTES: String(MAX_BODY),
      COC_RATE_LIMIT_PER_PRINCIPAL: String(PER_PRINCIPAL),
      COC_RATE_LIMIT_ANONYMOUS_PER_ADDRESS: String(ANONYMOUS_PER_ADDRESS),
      COC_CORS_ORIGINS: ALLOWED_ORIGIN,
    });
  });

  afterAll(async () => {
    await app?.stop();
    await clickhouse?.command({ query: sql`DROP DATABASE IF EXISTS ${identifier(id)}`.text });
    await clickhouse?.close();
  });

  it('answers 429 with Retry-After past the connector key’s limit, on any address', async () => {
    const { before, limited } = await callUntilLimited(
      events(),
      {
        method: 'POST',
        headers: { ...bearer(connector.secret), 'content-type': 'application/json' },
        body: '[]',
        from: '127.0.11.1',
      },
      PER_PRINCIPAL + 5,
    );
    expect(before).toHaveLength(PER_PRINCIPAL);
    expect(before).not.toContain(401);
    expect(limited?.headers['retry-after']).toMatch(/^[1-9]\d*$/);
    expect(limited?.json().message).toContain('COC_RATE_LIMIT_PER_PRINCIPAL');
    expect((await post('[]', bearer(connector.secret), '127.0.11.2')).status).toBe(429);
    report(
      `[limits] ingest: key limited after ${before.length} posts, Retry-After ${String(limited?.headers['retry-after'])} s`,
    );
  });

  it('cuts an anonymous flood per address', async () => {
    const { before, limited } = await callUntilLimited(
      events(),
      { method: 'POST', body: '[]', from: '127.0.12.1' },
      ANONYMOUS_PER_ADDRESS + 5,
    );
    expect(before).toEqual(Array(ANONYMOUS_PER_ADDRESS).fill(401));
    expect(limited?.json().message).toContain('COC_RATE_LIMIT_ANONYMOUS_PER_ADDRESS');
    expect((await httpCall(`${app.url}/health`, { from: '127.0.12.2' })).status).toBe(200);
  });

  it('answers 413 past INGEST_HTTP_MAX_BODY_BYTES, for JSON and NDJSON; an anonymous body is never read', async () => {
    const from = '127.0.13.1';
    const large = JSON.stringify([{ padding: 'x'.repeat(MAX_BODY) }]);
    for (const [contentType, body] of [
      ['application/json', large],
      ['application/x-ndjson', `${large}\n${large}`],
    ]) {
      const answer = await post(body, bearer(batcher.secret), from, contentType);
      expect({ contentType, status: answer.status }).toEqual({ contentType, status: 413 });
      expect(answer.json().message).toBe(
        `the request body exceeds INGEST_HTTP_MAX_BODY_BYTES (${MAX_BODY} bytes); split it into smaller requests`,
      );
    }
    // Garbage from the key is parsed and refused as such; from nobody or a wrong key it is not read.
    expect((await post('[{"not json', bearer(batcher.secret), from)).status).toBe(400);
    const garbage = '[{"not json'.repeat(500_000);
    for (const headers of [{}, bearer('coc_not-a-key')]) {
      for (const body of ['[{"not json', garbage]) {
        const answer = await post(body, headers, from);
        expect({ size: body.length, status: answer.status }).toEqual({ size: body.length, status: 401 });
      }
    }
  });

  it('leaves the reference-data upload its raw body, beyond the batch limit', async () => {
    const csv = `code,name,level,parent_code,valid_from,valid_to\n${'99999,X,commune,999,2025-07-01,\n'.repeat(200)}`;
    expect(csv.length).toBeGreaterThan(MAX_BODY);
    const answer = await httpCall(
      `${app.url}/api/v1/admin/reference/units?dryRun=true&effective=2025-07-01&document=test`,
      {
        method: 'POST',
        headers: { ...bearer(admin.secret), 'content-type': 'text/csv' },
        body: csv,
        from: '127.0.13.2',
      },
    );
    // The importer read the whole file and judged it (unknown parents): no 413, no unread body.
    expect(answer.status).toBe(422);
    expect(answer.json()).toMatchObject({ message: 'refused, nothing stored' });
  });

  it('sends helmet’s headers, and CORS headers to an allowed origin only', async () => {
    const from = '127.0.14.1';
    const health = (origin: string) => httpCall(`${app.url}/health`, { headers: { origin }, from });
    const allowed = await health(ALLOWED_ORIGIN);
    expectSecurityHeaders(allowed.headers);
    expect(allowed.headers['access-control-allow-origin']).toBe(ALLOWED_ORIGIN);
    expect(
      (await health('https://elsewhere.example.com')).headers['access-control-allow-origin'],
    ).toBeUndefined();
  });
});
