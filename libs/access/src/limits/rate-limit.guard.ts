import { Inject, Injectable, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  ThrottlerException,
  ThrottlerGuard,
  ThrottlerStorage,
  getOptionsToken,
  getStorageToken,
  type ThrottlerLimitDetail,
  type ThrottlerModuleOptions,
  type ThrottlerOptions,
} from '@nestjs/throttler';
import type { ServerResponse } from 'node:http';
import { rateLimitCounts, tooManyRequestsMessage, type RateLimit } from './http-limits';
import { LIMITS_APPLIED, type LimitedRequest } from './request-marks';

/** The rate limits in force (rateLimitsOf the app's limits). */
export const RATE_LIMITS = Symbol('RATE_LIMITS');

const requestOf = (context: ExecutionContext) => context.switchToHttp().getRequest<LimitedRequest>();

/**
 * @nestjs/throttler options for the rate limits: one budget per key or address over all routes
 * (not per route), each counting only the requests it is about. The principal is already on the
 * request: secureHttpApp's middleware checked the credential before any guard runs.
 */
export function throttlerOptionsOf(rules: readonly RateLimit[]): ThrottlerModuleOptions {
  return {
    throttlers: rules.map((rule): ThrottlerOptions => ({
      name: rule.name,
      limit: rule.limit,
      ttl: rule.windowSeconds * 1000,
      skipIf: (context) => !rateLimitCounts(rule, requestOf(context).principal !== undefined),
      ...(rule.by === 'principal'
        ? { getTracker: (request) => (request as LimitedRequest).principal?.id ?? '' }
        : {}),
      generateKey: (_context, tracker, name) => `${name}:${tracker}`,
    })),
  };
}

/**
 * The global rate-limit guard of HTTP routes, registered before the access guard so that an
 * anonymous flood is counted (and cut) before it is refused. Sockets have their own budget
 * (AccessIoAdapter). Past a limit: 429 with Retry-After and which limit it was.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  constructor(
    @Inject(getOptionsToken()) options: ThrottlerModuleOptions,
    @Inject(getStorageToken()) storage: ThrottlerStorage,
    reflector: Reflector,
    @Inject(RATE_LIMITS) private readonly rules: readonly RateLimit[],
  ) {
    super(options, storage, reflector);
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    if (!requestOf(context)[LIMITS_APPLIED]) {
      throw new Error('this app serves HTTP without secureHttpApp(): call it before listen');
    }
    return super.canActivate(context);
  }

  protected override throwThrottlingException(
    context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    const name = detail.key.slice(0, detail.key.indexOf(':'));
    const rule = this.rules.find((r) => r.name === name);
    if (!rule) throw new Error(`no rate limit named ${name}`);
    context.switchToHttp().getResponse<ServerResponse>().setHeader('Retry-After', detail.timeToBlockExpire);
    return Promise.reject(new ThrottlerException(tooManyRequestsMessage(rule, detail.timeToBlockExpire)));
  }
}
