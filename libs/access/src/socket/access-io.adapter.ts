import { Logger, type INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import type { MessageMappingProperties } from '@nestjs/websockets';
import type { IncomingMessage } from 'node:http';
import type { Observable } from 'rxjs';
import type { Socket } from 'socket.io';
import { AccessEnv } from '../access.env';
import { Authenticator } from '../authenticator';
import { KeyRing } from '../keys/key-ring';
import type { HttpLimits } from '../limits/http-limits';
import { HTTP_LIMITS } from '../limits/limits.providers';
import { originAllowed } from '../limits/origin-check';
import { AUDIT_APP, AUDIT_TRAIL, type AuditTrail } from '../audit/audit-trail.port';
import { auditHandshake } from '../audit/socket-audit';
import { socketAuthentication } from './socket-authentication';
import { bindMessageHandlers } from './socket-message-handlers';
import { limitSocketMessages } from './socket-message-limit';
import { SocketRevocation, type SocketGroup } from './socket-revocation';

/** What create() gives: a namespace, or the server whose `sockets` is its main namespace. */
type Created = SocketGroup & {
  server?: unknown;
  sockets: SocketGroup['sockets'] | SocketGroup;
  use(middleware: ReturnType<typeof socketAuthentication>): unknown;
  on(event: 'connection', listener: (socket: Socket) => void): unknown;
};

/**
 * The socket.io adapter of an app with access control: every namespace any gateway opens
 * authenticates its connections at the handshake, so a gateway added later cannot forget it.
 * Browser origins outside COC_CORS_ORIGINS (other than the page's own) are refused at the
 * handshake; each socket has a message budget; a socket whose key is revoked is disconnected.
 * Message handlers still need `@UseGuards(AccessGuard)` on the gateway class and a policy each.
 * Each refused handshake is audited. Handlers are bound as plain listeners (bindMessageHandlers).
 */
export class AccessIoAdapter extends IoAdapter {
  private readonly logger = new Logger(AccessIoAdapter.name);
  private readonly authenticator: Authenticator;
  private readonly limits: HttpLimits;
  readonly revocation: SocketRevocation;
  private readonly trail: AuditTrail;
  private readonly app: string;

  constructor(app: INestApplicationContext) {
    super(app);
    this.authenticator = app.get(Authenticator);
    this.limits = app.get<HttpLimits>(HTTP_LIMITS);
    this.revocation = new SocketRevocation(app.get(KeyRing), app.get(AccessEnv).COC_ACCESS_KEY_REFRESH_MS);
    this.trail = app.get<AuditTrail>(AUDIT_TRAIL);
    this.app = app.get<string>(AUDIT_APP);
  }

  override create(port: number, options?: Parameters<IoAdapter['create']>[1]) {
    const server = super.create(port, options);
    const created = server as unknown as Created;
    created.use(auditHandshake(socketAuthentication(this.authenticator), this.trail, this.app));
    created.on('connection', (socket) => limitSocketMessages(socket, this.limits.socketMessagesPerMinute));
    this.revocation.watch((created.server ? created : created.sockets) as SocketGroup);
    return server;
  }

  override createIOServer(port: number, options?: object): unknown {
    const origins = this.limits.corsOrigins;
    const server: unknown = super.createIOServer(port, {
      ...options,
      cors: { origin: [...origins] },
      allowRequest: (request: IncomingMessage, callback: (error: string | null, success: boolean) => void) =>
        originAllowed(request.headers.origin, request.headers.host, origins)
          ? callback(null, true)
          : callback('origin not allowed (COC_CORS_ORIGINS)', false),
    });
    return server;
  }

  override bindMessageHandlers(
    socket: Parameters<IoAdapter['bindMessageHandlers']>[0],
    handlers: MessageMappingProperties[],
    transform: (result: unknown) => Observable<unknown>,
  ): void {
    bindMessageHandlers(socket, handlers, transform, (message, error) =>
      this.logger.error(
        `socket ${socket.id}: answering ${message} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      ),
    );
  }

  override async dispose(): Promise<void> {
    this.revocation.stop();
    await super.dispose();
  }
}
