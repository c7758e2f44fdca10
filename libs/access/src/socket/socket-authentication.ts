import type { Authenticator } from '../authenticator';
import { presentedCredential } from '../keys/key-hash';
import type { Principal } from '../principal';

/** The part of a socket.io socket the handshake check reads and writes. */
interface HandshakeSocket {
  handshake: {
    auth: Record<string, unknown>;
    headers: Record<string, string | string[] | undefined>;
    address: string;
  };
  data: { principal?: Principal };
}

/**
 * socket.io middleware (`server.use(...)`): a connection is accepted only with a valid credential,
 * normally a browser token in `auth: { token }` (an `Authorization` header also works for
 * non-browser clients). The principal stays on `socket.data.principal` for the guard and handlers;
 * the credential itself is removed from the handshake once read.
 * A refused connection gets a `connect_error` whose message starts with "unauthorized".
 */
export function socketAuthentication(authenticator: Authenticator) {
  return (socket: HandshakeSocket, next: (error?: Error) => void): void => {
    const token = socket.handshake.auth.token;
    const credential = typeof token === 'string' ? token : presentedCredential(socket.handshake.headers);
    // Read once: a socket lives for days, and kept on it the secret costs memory and could leak.
    delete socket.handshake.auth.token;
    delete socket.handshake.headers.authorization;
    if (credential === undefined) {
      next(new Error('unauthorized: send auth: { token } with a token from POST /api/v1/access/token'));
      return;
    }
    authenticator.authenticate(credential).then(
      (principal) => {
        if (!principal) return next(new Error('unauthorized: unknown, revoked or expired credential'));
        socket.data.principal = principal;
        next();
      },
      (error: unknown) => next(error instanceof Error ? error : new Error(String(error))),
    );
  };
}
