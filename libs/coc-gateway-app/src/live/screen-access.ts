import { coversUnit, type Principal, type ScopeHierarchy } from '@libs/access';
import { localDateOf } from '@libs/admin-units';
import type { ScreenAudience } from '@libs/contracts';

/** What the gateway keeps on a screen's socket. */
export interface ScreenSocketData {
  admitted?: boolean;
  /** Set at the handshake by AccessIoAdapter: the key or token the screen presented. */
  principal?: Principal;
  screen?: { unitCode: string; audience: ScreenAudience };
  /** Why this connection may not view a unit's screen, or undefined when it may. */
  mayView?: (unitCode: string, audience: ScreenAudience) => string | undefined;
}

/**
 * The one place a screen's handshake is checked. AccessIoAdapter has already authenticated the
 * connection (a short-lived screen token in `auth: { token }`); a screen may then view the units of
 * its principal's scope, on today's map of units.
 */
export function authenticateScreen(
  socket: { data: ScreenSocketData },
  hierarchy: ScopeHierarchy,
): Promise<void> {
  const { principal } = socket.data;
  if (!principal)
    return Promise.reject(new Error('unauthorized: no credential was checked at the handshake'));
  socket.data.mayView = (unitCode) =>
    coversUnit(principal, unitCode, localDateOf(new Date()), hierarchy)
      ? undefined
      : `forbidden: unit ${unitCode} is outside the scope of ${principal.id}`;
  return Promise.resolve();
}
