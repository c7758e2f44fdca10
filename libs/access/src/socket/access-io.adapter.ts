import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { Authenticator } from '../authenticator';
import { AUDIT_APP, AUDIT_TRAIL, type AuditTrail } from '../audit/audit-trail.port';
import { auditHandshake } from '../audit/socket-audit';
import { socketAuthentication } from './socket-authentication';

/**
 * The socket.io adapter of an app with access control: every namespace any gateway opens
 * authenticates its connections at the handshake, so a gateway added later cannot forget it.
 * Message handlers still need `@UseGuards(AccessGuard)` on the gateway class and a policy each.
 * Each refused handshake is audited.
 */
export class AccessIoAdapter extends IoAdapter {
  private readonly authenticator: Authenticator;
  private readonly trail: AuditTrail;
  private readonly app: string;

  constructor(app: INestApplicationContext) {
    super(app);
    this.authenticator = app.get(Authenticator);
    this.trail = app.get<AuditTrail>(AUDIT_TRAIL);
    this.app = app.get<string>(AUDIT_APP);
  }

  override create(port: number, options?: Parameters<IoAdapter['create']>[1]) {
    const server = super.create(port, options);
    server.use(auditHandshake(socketAuthentication(this.authenticator), this.trail, this.app));
    return server;
  }
}
