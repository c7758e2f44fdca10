import type { NestApplicationOptions } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import type { ServerResponse } from 'node:http';
import { Authenticator } from '../authenticator';
import { presentedCredential } from '../keys/key-hash';
import {
  bodyRouteFor,
  bodyTooLargeMessage,
  isJsonType,
  mediaTypeOf,
  type BodyRoute,
  type ParsedBodyRoute,
} from './body-routes';
import type { HttpLimits } from './http-limits';
import { HTTP_LIMITS } from './limits.providers';
import { BODY_ROUTE, LIMITS_APPLIED, type LimitedRequest } from './request-marks';

type Next = (error?: unknown) => void;

/** Create every HTTP app with these, so no body is parsed before its credential is checked. */
export const SECURE_APP_OPTIONS = { bodyParser: false } as const satisfies NestApplicationOptions;

/**
 * The HTTP hardening every app applies, in one call before listen: helmet headers (no
 * x-powered-by), CORS from COC_CORS_ORIGINS, the client address behind COC_TRUST_PROXY_HOPS
 * proxies, and the credential checked before any body is read: a request without a valid one
 * reaches the guards with its body unread (and is refused unless the route is public). `routes`
 * gives a route prefix its own body limit or leaves its body to the handler; the others parse
 * JSON up to COC_HTTP_MAX_BODY_BYTES. Rate limits are the guard's (limitProviders).
 */
export function secureHttpApp<A extends NestExpressApplication>(
  app: A,
  routes: readonly BodyRoute[] = [],
): A {
  // Nest's own parsers would read every body before any middleware of ours runs.
  const options = (app as unknown as { appOptions?: NestApplicationOptions }).appOptions;
  if (options?.bodyParser !== false) {
    throw new Error('create the app with SECURE_APP_OPTIONS ({ bodyParser: false }) before secureHttpApp()');
  }
  const limits = app.get<HttpLimits>(HTTP_LIMITS);
  app.disable('x-powered-by');
  if (limits.trustProxyHops > 0) app.set('trust proxy', limits.trustProxyHops);
  app.use(
    helmet({
      // Commune networks often serve plain HTTP: upgrading the page's requests would break it.
      contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } },
    }),
  );
  app.enableCors({
    origin: [...limits.corsOrigins],
    allowedHeaders: ['Authorization', 'Content-Type', 'Content-Encoding'],
    maxAge: 600,
  });
  const fallback: ParsedBodyRoute = {
    path: '/',
    parse: 'json',
    limitBytes: limits.maxBodyBytes,
    limitVariable: 'COC_HTTP_MAX_BODY_BYTES',
  };
  app.use(authenticateFirst(app.get(Authenticator), routes, fallback));
  for (const route of [...routes, fallback]) {
    if (route.parse !== 'json') continue;
    const chosen = (request: LimitedRequest) => request[BODY_ROUTE] === route;
    app.useBodyParser('json', {
      limit: route.limitBytes,
      type: (request: LimitedRequest) =>
        chosen(request) && isJsonType(mediaTypeOf(request.headers['content-type'])),
    });
    const textTypes = route.textTypes ?? [];
    if (textTypes.length > 0) {
      app.useBodyParser('text', {
        limit: route.limitBytes,
        type: (request: LimitedRequest) =>
          chosen(request) && textTypes.includes(mediaTypeOf(request.headers['content-type'])),
      });
    }
  }
  app.use(bodyTooLarge);
  return app;
}

/**
 * Checks the credential before anything reads the body: a valid one leaves the principal for the
 * guards and picks the route's body parser; none or an invalid one leaves the body unread.
 */
function authenticateFirst(authenticator: Authenticator, routes: readonly BodyRoute[], fallback: BodyRoute) {
  return (request: LimitedRequest & { path: string }, _response: ServerResponse, next: Next): void => {
    request[LIMITS_APPLIED] = true;
    const credential = presentedCredential(request.headers);
    if (credential === undefined) return next();
    authenticator.authenticate(credential).then((principal) => {
      if (principal) {
        request.principal = principal;
        request[BODY_ROUTE] = bodyRouteFor(request.path, routes, fallback);
      }
      next();
      // A failing key store goes to Nest's exception handling, as it would from the guard.
    }, next);
  };
}

/** body-parser answers an oversized body with a bare "request entity too large": this names the limit. */
export function bodyTooLarge(
  error: unknown,
  request: LimitedRequest,
  response: ServerResponse,
  next: Next,
): void {
  const route = request[BODY_ROUTE];
  if ((error as { type?: unknown } | undefined)?.type !== 'entity.too.large' || route?.parse !== 'json') {
    return next(error);
  }
  response.statusCode = 413;
  response.setHeader('Content-Type', 'application/json; charset=utf-8');
  response.end(
    JSON.stringify({ statusCode: 413, error: 'Payload Too Large', message: bodyTooLargeMessage(route) }),
  );
}
