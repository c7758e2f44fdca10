import type { Provider } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerStorageService, getOptionsToken, getStorageToken } from '@nestjs/throttler';
import { loadEnv } from '@libs/platform';
import { HttpLimitsEnv } from './http-limits.env';
import {
  httpLimitsOf,
  rateLimitsOf,
  type HttpLimits,
  type LimitDefaults,
  type RateLimit,
} from './http-limits';
import { RATE_LIMITS, RateLimitGuard, throttlerOptionsOf } from './rate-limit.guard';

/** The app's limits in force (HttpLimits). */
export const HTTP_LIMITS = Symbol('HTTP_LIMITS');

/**
 * The limits' providers: the env, the rate limits and their global guard. accessProviders
 * includes them ahead of the access guard, so guards run in that order.
 */
export function limitProviders(defaults: LimitDefaults = {}): Provider[] {
  return [
    { provide: HttpLimitsEnv, useFactory: () => loadEnv(HttpLimitsEnv) },
    {
      provide: HTTP_LIMITS,
      useFactory: (env: HttpLimitsEnv): HttpLimits => httpLimitsOf(env, defaults),
      inject: [HttpLimitsEnv],
    },
    {
      provide: RATE_LIMITS,
      useFactory: (limits: HttpLimits): RateLimit[] => rateLimitsOf(limits),
      inject: [HTTP_LIMITS],
    },
    {
      provide: getOptionsToken(),
      useFactory: (rules: RateLimit[]) => throttlerOptionsOf(rules),
      inject: [RATE_LIMITS],
    },
    { provide: getStorageToken(), useClass: ThrottlerStorageService },
    { provide: APP_GUARD, useClass: RateLimitGuard },
  ];
}
