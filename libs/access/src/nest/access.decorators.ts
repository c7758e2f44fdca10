import { SetMetadata, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Reflector } from '@nestjs/core';
import type { Principal, Role } from '../principal';

const ACCESS_POLICY = 'coc:access-policy';

/** Who may call a route or socket event: anyone (declared public), or authenticated principals of some roles. */
export type AccessPolicy = { public: true } | { public: false; roles: readonly Role[] };

/** Open to anonymous callers. Only liveness and a public citizen view should carry it. */
export const Public = () => SetMetadata(ACCESS_POLICY, { public: true } satisfies AccessPolicy);

/** Open to authenticated principals of these roles, within their unit scope. */
export const Allow = (...roles: [Role, ...Role[]]) =>
  SetMetadata(ACCESS_POLICY, { public: false, roles } satisfies AccessPolicy);

/** The policy a handler declares, on itself or its class; undefined means none, which the guard refuses. */
export function policyOf(
  reflector: Reflector,
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- what Nest's ExecutionContext gives
  handler: Function,
  controller: abstract new (...args: never[]) => unknown,
): AccessPolicy | undefined {
  return reflector.getAllAndOverride<AccessPolicy | undefined>(ACCESS_POLICY, [handler, controller]);
}

type WithPrincipal = { principal?: Principal; data?: { principal?: Principal } };

/** Where the guard leaves the principal: on the HTTP request, or on the socket's data. */
export function principalFrom(context: ExecutionContext): Principal | undefined {
  if (context.getType() === 'ws') return context.switchToWs().getClient<WithPrincipal>().data?.principal;
  return context.switchToHttp().getRequest<WithPrincipal>().principal;
}

/** The authenticated principal of the request or socket; only on handlers with an @Allow policy. */
export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): Principal => {
  const principal = principalFrom(context);
  if (!principal) throw new Error('CurrentPrincipal used on a handler without an @Allow policy');
  return principal;
});
