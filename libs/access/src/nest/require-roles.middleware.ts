import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Authenticator } from '../authenticator';
import { presentedCredential } from '../keys/key-hash';
import type { Principal, Role } from '../principal';

type Next = (error?: unknown) => void;

function refuse(response: ServerResponse, status: 401 | 403, message: string): void {
  if (status === 401) response.setHeader('WWW-Authenticate', 'Bearer realm="coc"');
  response.statusCode = status;
  response.setHeader('Content-Type', 'application/json; charset=utf-8');
  response.end(JSON.stringify({ statusCode: status, message }));
}

/**
 * Express middleware for what is served beside Nest's controllers (the OpenAPI documents), which
 * the global guard does not see: only principals of these roles get through.
 */
export function requireRoles(authenticator: Authenticator, roles: readonly Role[]) {
  return (
    request: IncomingMessage & { principal?: Principal },
    response: ServerResponse,
    next: Next,
  ): void => {
    const credential = presentedCredential(request.headers);
    if (credential === undefined) return refuse(response, 401, 'missing credential');
    authenticator.authenticate(credential).then((principal) => {
      if (!principal) return refuse(response, 401, 'unknown, revoked or expired credential');
      // Left on the request like the guard does, so the audit names who it was.
      request.principal = principal;
      if (!roles.includes(principal.role))
        return refuse(response, 403, `role ${principal.role} may not read this`);
      next();
    }, next);
  };
}
