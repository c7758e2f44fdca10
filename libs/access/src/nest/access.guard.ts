import {
  BadRequestException,
  ForbiddenException,
  Inject,
  Injectable,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { WsException } from '@nestjs/websockets';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isUnitCodeFormat } from '@libs/contracts';
import { Authenticator } from '../authenticator';
import { presentedCredential } from '../keys/key-hash';
import type { Principal } from '../principal';
import { coversUnit, type ScopeHierarchy } from '../unit-scope';
import { policyOf, principalFrom } from './access.decorators';
import { SCOPE_DATE, type ScopeDateOf } from './scope-date';

export const SCOPE_HIERARCHY = Symbol('SCOPE_HIERARCHY');

type HttpRequest = IncomingMessage & {
  params?: Record<string, unknown>;
  query?: Record<string, unknown>;
  principal?: Principal;
};

/** Why a call is refused; the status is what HTTP answers, the socket error carries it too. */
class Refusal {
  constructor(
    readonly status: 400 | 401 | 403,
    readonly message: string,
  ) {}
}

const unitCodeIn = (...records: (Record<string, unknown> | undefined)[]): string[] =>
  records.map((r) => r?.unitCode).filter((u): u is string => typeof u === 'string');

/**
 * Deny by default, for every HTTP route and socket.io message handler: a handler without a declared
 * policy is refused to everyone; `@Public()` opens it; `@Allow(...roles)` admits authenticated
 * principals of those roles whose scope covers the `unitCode` of the path, query or message on the
 * date asked about. Sockets authenticate at the handshake (socketAuthentication); here their
 * principal is only read.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: Authenticator,
    @Inject(SCOPE_HIERARCHY) private readonly hierarchy: ScopeHierarchy,
    @Inject(SCOPE_DATE) private readonly scopeDateOf: ScopeDateOf,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const refusal = await this.check(context);
    if (!refusal) return true;
    if (context.getType() === 'ws')
      throw new WsException({ status: refusal.status, message: refusal.message });
    if (refusal.status === 401) {
      context
        .switchToHttp()
        .getResponse<ServerResponse>()
        .setHeader('WWW-Authenticate', 'Bearer realm="coc"');
      throw new UnauthorizedException(refusal.message);
    }
    if (refusal.status === 400) throw new BadRequestException(refusal.message);
    throw new ForbiddenException(refusal.message);
  }

  private async check(context: ExecutionContext): Promise<Refusal | undefined> {
    const policy = policyOf(this.reflector, context.getHandler(), context.getClass());
    if (!policy) return new Refusal(403, 'this route declares no access policy');
    if (policy.public) return undefined;
    const ws = context.getType() === 'ws';
    const request = ws ? undefined : context.switchToHttp().getRequest<HttpRequest>();
    const principal = request ? await this.authenticate(request) : principalFrom(context);
    if (principal instanceof Refusal) return principal;
    if (!principal) return new Refusal(401, 'no valid credential');
    if (!policy.roles.includes(principal.role)) {
      return new Refusal(403, `role ${principal.role} may not call this`);
    }
    const query = request ? request.query : context.switchToWs().getData<Record<string, unknown>>();
    const units = request ? unitCodeIn(request.params, request.query) : unitCodeIn(query ?? undefined);
    const malformed = units.find((unit) => !isUnitCodeFormat(unit));
    if (malformed !== undefined) {
      return new Refusal(400, 'unitCode must be an official unit code of 2, 3 or 5 digits');
    }
    const date = this.scopeDateOf(query ?? {});
    const outside = units.find((unit) => !coversUnit(principal, unit, date, this.hierarchy));
    if (outside !== undefined)
      return new Refusal(403, `unit ${outside} is outside the scope of ${principal.id}`);
    return undefined;
  }

  private async authenticate(request: HttpRequest): Promise<Principal | Refusal> {
    if (request.principal) return request.principal;
    const credential = presentedCredential(request.headers);
    if (credential === undefined) {
      return new Refusal(401, 'missing credential: send "Authorization: Bearer <key or token>"');
    }
    const principal = await this.authenticator.authenticate(credential);
    if (!principal) return new Refusal(401, 'unknown, revoked or expired credential');
    request.principal = principal;
    return principal;
  }
}
