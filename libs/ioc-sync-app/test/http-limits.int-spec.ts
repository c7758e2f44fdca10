import { bearer, callUntilLimited, expectSecurityHeaders, httpCall, report, testKey } from '@libs/testing';
import { Level, upstreamKeyOf } from './sync-test-kit';

const PER_PRINCIPAL = 15;
const ANONYMOUS_PER_ADDRESS = 10;
const MAX_BODY = 2_048;

/**
 * The built ioc-sync's HTTP limits on the real services (a district receiving from commune
 * 26734): per key and per address over the pull API and the receiver, the receiver's body limit,
 * anonymous bodies never parsed, helmet.
 */
describe('ioc-sync HTTP limits', () => {
  const child = upstreamKeyOf('26734');
  const puller = testKey('ioc-puller-248', 'ioc', ['248']);
  let district: Level;

  beforeAll(async () => {
    district = new Level('district', '248', [], [child, puller]);
    Object.assign(district.env, {
      IOC_SYNC_MAX_BODY_BYTES: String(MAX_BODY),
      COC_RATE_LIMIT_PER_PRINCIPAL: String(PER_PRINCIPAL),
      COC_RATE_LIMIT_ANONYMOUS_PER_ADDRESS: String(ANONYMOUS_PER_ADDRESS),
    });
    await district.start();
  });

  afterAll(async () => {
    await district?.stop();
  });

  const url = (path: string) => `${district.sync.url}${path}`;

  it('answers 429 with Retry-After past a key’s limit on the pull API, on any address', async () => {
    const rollups = url('/api/v1/ioc/units/248/rollups?from=2025-06-01&to=2025-06-02');
    const { before, limited } = await callUntilLimited(
      rollups,
      { headers: bearer(puller.secret), from: '127.0.21.1' },
      PER_PRINCIPAL + 5,
    );
    expect(before).toHaveLength(PER_PRINCIPAL);
    expect(before).not.toContain(401);
    expect(limited?.headers['retry-after']).toMatch(/^[1-9]\d*$/);
    expect(limited?.json().message).toContain('COC_RATE_LIMIT_PER_PRINCIPAL');
    expect((await httpCall(rollups, { headers: bearer(puller.secret), from: '127.0.21.2' })).status).toBe(
      429,
    );
    report(
      `[limits] ioc-sync: key limited after ${before.length} pulls, Retry-After ${String(limited?.headers['retry-after'])} s`,
    );
  });

  it('cuts an anonymous flood per address', async () => {
    const { before, limited } = await callUntilLimited(
      url('/api/v1/sync/batches'),
      { method: 'POST', body: '{}', from: '127.0.22.1' },
      ANONYMOUS_PER_ADDRESS + 5,
    );
    expect(before).toEqual(Array(ANONYMOUS_PER_ADDRESS).fill(401));
    expect(limited?.json().message).toContain('COC_RATE_LIMIT_ANONYMOUS_PER_ADDRESS');
    expect((await httpCall(url('/health'), { from: '127.0.22.2' })).status).toBe(200);
  });

  it('answers 413 past IOC_SYNC_MAX_BODY_BYTES on the receiver; an anonymous body is never read', async () => {
    const from = '127.0.23.1';
    const post = (body: string, headers: Record<string, string>) =>
      httpCall(url('/api/v1/sync/batches'), {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body,
        from,
      });
    const large = JSON.stringify({ origin: '26734', padding: 'x'.repeat(MAX_BODY) });
    const tooLarge = await post(large, bearer(child.secret));
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.json().message).toBe(
      `the request body exceeds IOC_SYNC_MAX_BODY_BYTES (${MAX_BODY} bytes); split it into smaller requests`,
    );
    expect((await post('{"not json', bearer(child.secret))).status).toBe(400);
    const garbage = '{"not json'.repeat(500_000);
    for (const headers of [{}, bearer('coc_not-a-key')]) {
      for (const body of ['{"not json', garbage]) {
        const answer = await post(body, headers);
        expect({ size: body.length, status: answer.status }).toEqual({ size: body.length, status: 401 });
      }
    }
  });

  it('sends helmet’s headers and no X-Powered-By', async () => {
    expectSecurityHeaders((await httpCall(url('/health'), { from: '127.0.24.1' })).headers);
  });
});
