import { ArgumentsHost, Catch, Inject, type WsExceptionFilter } from '@nestjs/common';
import { BaseWsExceptionFilter, WsException } from '@nestjs/websockets';
import type { Principal } from '../principal';
import { auditEntry, type AuditFacts } from './audit-entry';
import { AUDIT_APP, AUDIT_TRAIL, type AuditTrail } from './audit-trail.port';

/** The part of a socket.io socket an audit entry reads. */
export interface AuditedSocket {
  handshake: { address: string };
  data: { principal?: Principal };
}

type Next = (error?: Error) => void;

/** The status a refused handshake stands for: `busy…` is the admission gate's 429, the rest 401. */
const handshakeStatus = (error: Error) => (/^busy/.test(error.message) ? 429 : 401);

/**
 * Records one socket event of a connection: who (from the handshake), from where, and what the
 * caller says about units, KPIs, period and the figures' asOf.
 */
export function recordSocketEvent(
  trail: AuditTrail,
  app: string,
  socket: AuditedSocket,
  facts: Omit<AuditFacts, 'channel' | 'address' | 'principal'>,
): void {
  trail.record(
    auditEntry(
      app,
      { ...facts, channel: 'socket', address: socket.handshake.address, principal: socket.data.principal },
      new Date(),
    ),
  );
}

/**
 * Wraps a socket.io handshake middleware so each connection it refuses is recorded (`connect`,
 * 401, or 429 when busy); accepted handshakes are not, their reads are.
 */
export function auditHandshake<S extends AuditedSocket>(
  middleware: (socket: S, next: Next) => void,
  trail: AuditTrail,
  app: string,
): (socket: S, next: Next) => void {
  return (socket, next) =>
    middleware(socket, (error) => {
      if (error) {
        recordSocketEvent(trail, app, socket, {
          action: 'connect',
          status: handshakeStatus(error),
          detail: error.message,
        });
      }
      next(error);
    });
}

const statusOf = (exception: unknown): number => {
  if (!(exception instanceof WsException)) return 500;
  const error = exception.getError();
  const status =
    typeof error === 'object' && error !== null ? (error as { status?: unknown }).status : undefined;
  return typeof status === 'number' ? status : 400;
};

/**
 * A gateway's exception filter: every refusal by AccessGuard (401/403) and every failure of a
 * message handler is recorded with the event and the unit it named, then answered as Nest
 * answers it (`exception` to the client).
 */
@Catch()
export class SocketAuditFilter extends BaseWsExceptionFilter implements WsExceptionFilter {
  constructor(
    @Inject(AUDIT_TRAIL) private readonly trail: AuditTrail,
    @Inject(AUDIT_APP) private readonly app: string,
  ) {
    super();
  }

  override catch(exception: unknown, host: ArgumentsHost): void {
    const ws = host.switchToWs();
    const data = ws.getData<unknown>();
    const message = exception instanceof Error ? exception.message : String(exception);
    recordSocketEvent(this.trail, this.app, ws.getClient<AuditedSocket>(), {
      action: ws.getPattern(),
      status: statusOf(exception),
      unitCodes: typeof data === 'object' && data !== null ? [(data as { unitCode?: unknown }).unitCode] : [],
      detail: message,
    });
    super.catch(exception, host);
  }
}
