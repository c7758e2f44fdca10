import type { HttpLimitsEnv } from './http-limits.env';

/** An app's own defaults for the limits its env leaves unset. */
export interface LimitDefaults {
  perPrincipal?: number;
  perAddress?: number;
  anonymousPerAddress?: number;
  maxBodyBytes?: number;
}

/** The limits in force in one app: its env over its defaults over the product's. */
export interface HttpLimits {
  windowSeconds: number;
  perPrincipal: number;
  perAddress: number;
  anonymousPerAddress: number;
  maxBodyBytes: number;
  corsOrigins: readonly string[];
  trustProxyHops: number;
  socketMessagesPerMinute: number;
}

/** A wall screen or viewer polls a few routes every few seconds; a connector posts batches. */
export const PRODUCT_LIMIT_DEFAULTS: Required<LimitDefaults> = {
  perPrincipal: 1_200,
  perAddress: 6_000,
  anonymousPerAddress: 600,
  maxBodyBytes: 64 * 1024,
};

export function httpLimitsOf(env: HttpLimitsEnv, defaults: LimitDefaults = {}): HttpLimits {
  const base = { ...PRODUCT_LIMIT_DEFAULTS, ...defaults };
  return {
    windowSeconds: env.COC_RATE_LIMIT_WINDOW_SECONDS,
    perPrincipal: env.COC_RATE_LIMIT_PER_PRINCIPAL ?? base.perPrincipal,
    perAddress: env.COC_RATE_LIMIT_PER_ADDRESS ?? base.perAddress,
    anonymousPerAddress: env.COC_RATE_LIMIT_ANONYMOUS_PER_ADDRESS ?? base.anonymousPerAddress,
    maxBodyBytes: env.COC_HTTP_MAX_BODY_BYTES ?? base.maxBodyBytes,
    corsOrigins: env.COC_CORS_ORIGINS,
    trustProxyHops: env.COC_TRUST_PROXY_HOPS,
    socketMessagesPerMinute: env.COC_SOCKET_MESSAGES_PER_MINUTE,
  };
}

/** Which requests a rate limit counts, and by what it groups them. */
export interface RateLimit {
  name: 'principal' | 'address' | 'anonymous';
  limit: number;
  windowSeconds: number;
  counts: 'authenticated' | 'all' | 'anonymous';
  by: 'principal' | 'address';
  /** The variable that sets it, named in the 429 answer. */
  variable: string;
}

/**
 * Three budgets: each key's own, each address's over everything, and a smaller one per address
 * for requests without a valid credential, so an anonymous flood is cut early while a commune
 * office of many screens behind one address keeps working.
 */
export function rateLimitsOf(limits: HttpLimits): RateLimit[] {
  const windowSeconds = limits.windowSeconds;
  return [
    {
      name: 'principal',
      limit: limits.perPrincipal,
      windowSeconds,
      counts: 'authenticated',
      by: 'principal',
      variable: 'COC_RATE_LIMIT_PER_PRINCIPAL',
    },
    {
      name: 'address',
      limit: limits.perAddress,
      windowSeconds,
      counts: 'all',
      by: 'address',
      variable: 'COC_RATE_LIMIT_PER_ADDRESS',
    },
    {
      name: 'anonymous',
      limit: limits.anonymousPerAddress,
      windowSeconds,
      counts: 'anonymous',
      by: 'address',
      variable: 'COC_RATE_LIMIT_ANONYMOUS_PER_ADDRESS',
    },
  ];
}

/** Whether a rate limit counts a request that is (or is not) authenticated. */
export const rateLimitCounts = (rule: RateLimit, authenticated: boolean): boolean =>
  rule.counts === 'all' || (rule.counts === 'authenticated') === authenticated;

/** The answer past a limit: which one, and when to come back. */
export function tooManyRequestsMessage(rule: RateLimit, retryAfterSeconds: number): string {
  const who = rule.by === 'principal' ? 'this key' : 'this address';
  return `too many requests from ${who}: at most ${rule.limit} per ${rule.windowSeconds} s (${rule.variable}); retry after ${retryAfterSeconds} s`;
}
