import { loadEnv } from '@libs/platform';
import { HttpLimitsEnv } from './http-limits.env';
import {
  PRODUCT_LIMIT_DEFAULTS,
  httpLimitsOf,
  rateLimitCounts,
  rateLimitsOf,
  tooManyRequestsMessage,
} from './http-limits';

describe(httpLimitsOf.name, () => {
  it('takes the env over the app defaults over the product defaults', () => {
    const env = loadEnv(HttpLimitsEnv, {
      COC_RATE_LIMIT_PER_ADDRESS: '50',
      COC_CORS_ORIGINS: 'https://a.vn, https://b.vn:8443',
    });
    const sut = httpLimitsOf(env, { perPrincipal: 6_000, perAddress: 9_000 });
    expect(sut).toEqual({
      windowSeconds: 60,
      perPrincipal: 6_000,
      perAddress: 50,
      anonymousPerAddress: PRODUCT_LIMIT_DEFAULTS.anonymousPerAddress,
      maxBodyBytes: PRODUCT_LIMIT_DEFAULTS.maxBodyBytes,
      corsOrigins: ['https://a.vn', 'https://b.vn:8443'],
      trustProxyHops: 0,
      socketMessagesPerMinute: 60,
    });
  });

  it.each([
    [{ COC_CORS_ORIGINS: 'https://a.vn/screen' }, 'COC_CORS_ORIGINS'],
    [{ COC_RATE_LIMIT_PER_PRINCIPAL: '0' }, 'COC_RATE_LIMIT_PER_PRINCIPAL'],
    [{ COC_HTTP_MAX_BODY_BYTES: '10' }, 'COC_HTTP_MAX_BODY_BYTES'],
  ])('refuses %j naming the variable', (source, variable) => {
    expect(() => loadEnv(HttpLimitsEnv, source)).toThrow(variable);
  });
});

describe(rateLimitsOf.name, () => {
  const rules = rateLimitsOf(httpLimitsOf(loadEnv(HttpLimitsEnv, {})));
  const counted = (authenticated: boolean) =>
    rules.filter((r) => rateLimitCounts(r, authenticated)).map((r) => `${r.name} by ${r.by}`);

  it('counts an authenticated request against its key and its address', () => {
    expect(counted(true)).toEqual(['principal by principal', 'address by address']);
  });

  it('counts an anonymous request against its address twice: the shared and the anonymous budget', () => {
    expect(counted(false)).toEqual(['address by address', 'anonymous by address']);
  });

  it('says which limit was hit and when to come back', () => {
    expect(tooManyRequestsMessage(rules[0], 7)).toBe(
      'too many requests from this key: at most 1200 per 60 s (COC_RATE_LIMIT_PER_PRINCIPAL); retry after 7 s',
    );
  });
});
