import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { Authenticator } from '../authenticator';
import { socketAuthentication } from './socket-authentication';

/**
 * The socket.io adapter of an app with access control: every namespace any gateway opens
 * authenticates its connections at the handshake, so a gateway added later cannot forget it.
 * Message handlers still need `@UseGuards(AccessGuard)` on the gateway class and a policy each.
 */
export class AccessIoAdapter extends IoAdapter {
  private readonly authenticator: Authenticator;

  constructor(app: INestApplicationContext) {
    super(app);
    this.authenticator = app.get(Authenticator);
  }

  override create(port: number, options?: Parameters<IoAdapter['create']>[1]) {
    const server = super.create(port, options);
    server.use(socketAuthentication(this.authenticator));
    return server;
  }
}
