import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from 'nestjs-pino';
import type { ObservabilityEnv } from '../observability.env';

/**
 * Never logged: credentials wherever they appear in a logged object. Request and response headers
 * are not logged at all (they carry keys, cookies and client addresses); these paths catch what
 * code logs explicitly.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  '*.authorization',
  '*.password',
  '*.token',
  '*.accessToken',
  '*.apiKey',
  '*.key',
  '*.secret',
  '*.sha256',
] as const;

/** Query parameters that may carry a credential (browser tokens travel in the URL of a wall screen). */
const SECRET_QUERY = /^(token|access_token|key|api_key|apikey|password|secret|signature)$/i;

/** The path and query of a request with every credential-like parameter's value replaced. */
export function redactUrl(url: string | undefined): string | undefined {
  if (!url) return url;
  const q = url.indexOf('?');
  if (q < 0) return url;
  const params = new URLSearchParams(url.slice(q + 1));
  for (const name of [...params.keys()]) if (SECRET_QUERY.test(name)) params.set(name, '[Redacted]');
  return `${url.slice(0, q)}?${params.toString()}`;
}

/** A caller's request id is kept when it is a plain token (it may be logged), else a new one is made. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

export function requestIdOf(req: IncomingMessage, res: ServerResponse): string {
  const given = req.headers['x-request-id'];
  const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
  res.setHeader('x-request-id', id);
  return id;
}

/** nestjs-pino options: JSON lines with the app's name and request ids; pino-pretty when asked. */
export function logOptions(app: string, env: ObservabilityEnv): Params {
  return {
    pinoHttp: {
      level: env.LOG_LEVEL,
      base: { app: env.LOG_APP_NAME ?? app },
      redact: { paths: [...REDACTED_PATHS], censor: '[Redacted]' },
      genReqId: requestIdOf,
      customProps: (req) => ({ requestId: (req as IncomingMessage & { id?: unknown }).id }),
      serializers: {
        req: (req: { id: unknown; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          url: redactUrl(req.url),
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      // Health probes and scrapes every few seconds would drown the log.
      autoLogging: { ignore: (req) => /^\/(health|metrics)/.test(req.url ?? '') },
      ...(env.LOG_FORMAT === 'pretty' && {
        transport: { target: 'pino-pretty', options: { singleLine: true, translateTime: 'SYS:HH:MM:ss.l' } },
      }),
    },
  };
}
