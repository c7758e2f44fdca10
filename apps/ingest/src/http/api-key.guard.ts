import {
  Inject,
  Injectable,
  ServiceUnavailableException,
  UnauthorizedException,
  createParamDecorator,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiKey } from './api-key-config';
import { matchApiKey, presentedApiKey } from './api-key-match';

export const API_KEYS = Symbol('API_KEYS');

type AuthenticatedRequest = IncomingMessage & { apiKey?: ApiKey };

/**
 * Secure by default: without configured keys the endpoint is off (503), and every request must
 * present a known key (401). The matched key is left on the request for the handler.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(@Inject(API_KEYS) private readonly keys: readonly ApiKey[]) {}

  canActivate(context: ExecutionContext): boolean {
    if (this.keys.length === 0) {
      throw new ServiceUnavailableException('HTTP ingest disabled: no INGEST_API_KEYS configured');
    }
    const http = context.switchToHttp();
    const request = http.getRequest<AuthenticatedRequest>();
    const presented = presentedApiKey(request.headers);
    const key = presented === undefined ? undefined : matchApiKey(presented, this.keys);
    if (!key) {
      http.getResponse<ServerResponse>().setHeader('WWW-Authenticate', 'Bearer realm="coc-ingest"');
      throw new UnauthorizedException(
        presented === undefined
          ? 'missing API key: send "Authorization: Bearer <key>" or "X-Api-Key: <key>"'
          : 'unknown API key',
      );
    }
    request.apiKey = key;
    return true;
  }
}

/** The key ApiKeyGuard matched; only valid on handlers behind that guard. */
export const AuthenticatedKey = createParamDecorator((_: unknown, context: ExecutionContext): ApiKey => {
  const key = context.switchToHttp().getRequest<AuthenticatedRequest>().apiKey;
  if (!key) throw new Error('AuthenticatedKey used on a handler without ApiKeyGuard');
  return key;
});
