import type { Authenticator } from '../authenticator';
import type { Principal } from '../principal';
import { socketAuthentication } from './socket-authentication';

const screen: Principal = { id: 'screen-26734', role: 'screen', units: ['26734'], sources: 'all' };

describe(socketAuthentication.name, () => {
  const authenticator = {
    authenticate: (credential: string) => Promise.resolve(credential === 'good' ? screen : undefined),
  } as Authenticator;
  const handshake = (auth: Record<string, unknown>, headers: Record<string, string> = {}) => ({
    handshake: { auth, headers, address: '127.0.0.1' },
    data: {} as { principal?: Principal },
  });
  const run = (socket: ReturnType<typeof handshake>) =>
    new Promise<Error | undefined>((resolve) => socketAuthentication(authenticator)(socket, resolve));

  it('accepts a valid token from auth and keeps the principal on the socket', async () => {
    const socket = handshake({ token: 'good' });
    expect(await run(socket)).toBeUndefined();
    expect(socket.data.principal).toBe(screen);
  });

  it('accepts an Authorization header from non-browser clients', async () => {
    expect(await run(handshake({}, { authorization: 'Bearer good' }))).toBeUndefined();
  });

  it('keeps no credential on the socket once read, accepted or not', async () => {
    for (const socket of [
      handshake({ token: 'good' }, { authorization: 'Bearer good' }),
      handshake({ token: 'bad' }),
      handshake({}, { authorization: 'Bearer good' }),
    ]) {
      await run(socket);
      expect(socket.handshake.auth).not.toHaveProperty('token');
      expect(socket.handshake.headers).not.toHaveProperty('authorization');
    }
  });

  it('refuses a handshake without or with a bad credential', async () => {
    expect((await run(handshake({})))?.message).toMatch(/^unauthorized/);
    const bad = handshake({ token: 'bad' });
    expect((await run(bad))?.message).toMatch(/^unauthorized/);
    expect(bad.data.principal).toBeUndefined();
  });
});
