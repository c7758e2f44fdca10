import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Principal } from '../principal';
import { auditEntry, httpFacts } from './audit-entry';
import type { AuditTrail } from './audit-trail.port';

/** What Express and the access guard leave on a request by the time it is answered. */
type AuditedRequest = IncomingMessage & {
  method: string;
  path?: string;
  ip?: string;
  route?: { path?: unknown };
  params?: Record<string, unknown>;
  query?: Record<string, unknown>;
  principal?: Principal;
};
type AuditedResponse = ServerResponse & { json?: (body: unknown) => unknown };

const UNAVAILABLE = {
  statusCode: 503,
  message: 'audit trail unavailable: reads are refused until it recovers',
};

/**
 * Express middleware, installed first so it sees every outcome, including refusals by guards
 * (401/403), by throttling (429), by body limits and by routes nobody registered (404): one audit
 * entry per call that a principal made or that was refused, written when the answer is finished.
 * Anonymous successes (liveness, the screen page's static files) are not reads of anyone's data.
 * The JSON answer is read for the figures' asOf, the KPIs and period served, or the refusal's
 * message. While the trail cannot keep up, every call is refused with 503 before anything is read.
 */
export function auditHttp(trail: AuditTrail, app: string) {
  return (request: AuditedRequest, response: AuditedResponse, next: () => void): void => {
    if (!trail.admit()) {
      response.statusCode = 503;
      response.setHeader('Retry-After', '5');
      response.setHeader('Content-Type', 'application/json; charset=utf-8');
      response.end(JSON.stringify(UNAVAILABLE));
      return;
    }
    let body: unknown;
    const json = response.json?.bind(response);
    if (json) {
      response.json = (value: unknown) => {
        body = value;
        return json(value);
      };
    }
    response.once('finish', () => {
      const status = response.statusCode;
      if (!request.principal && status < 400) return;
      const route = typeof request.route?.path === 'string' ? request.route.path : undefined;
      const path = route ?? (request.path ?? request.url ?? '').split('?')[0];
      const message =
        status >= 400 && typeof body === 'object' && body !== null
          ? (body as { message?: unknown }).message
          : undefined;
      trail.record(
        auditEntry(
          app,
          {
            channel: 'http',
            action: `${request.method} ${path}`,
            address: request.ip ?? request.socket.remoteAddress,
            principal: request.principal,
            status,
            detail: Array.isArray(message) ? message.join('; ') : message,
            // A refusal's body may name its unit too (a sync batch out of order: 409 with its origin).
            ...httpFacts(route ? request.params : undefined, request.query, body),
          },
          new Date(),
        ),
      );
    });
    next();
  };
}
