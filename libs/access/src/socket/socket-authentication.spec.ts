import { AdministrativeHierarchy, DEFAULT_UNIT_MAPPINGS_CSV, DEFAULT_UNITS_CSV } from '@libs/admin-units';
import type { Authenticator } from '../authenticator';
import type { Principal } from '../principal';
import { admitToUnitRoom, socketAuthentication } from './socket-authentication';

const hierarchy = AdministrativeHierarchy.fromCsv(DEFAULT_UNITS_CSV, DEFAULT_UNIT_MAPPINGS_CSV);
const screen: Principal = { id: 'screen-26734', role: 'screen', units: ['26734'], sources: 'all' };

describe(socketAuthentication.name, () => {
  const authenticator = {
    authenticate: (credential: string) => Promise.resolve(credential === 'good' ? screen : undefined),
  } as Authenticator;
  const handshake = (auth: Record<string, unknown>, headers: Record<string, string> = {}) => ({
    handshake: { auth, headers },
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

  it('refuses a handshake without or with a bad credential', async () => {
    expect((await run(handshake({})))?.message).toMatch(/^unauthorized/);
    const bad = handshake({ token: 'bad' });
    expect((await run(bad))?.message).toMatch(/^unauthorized/);
    expect(bad.data.principal).toBeUndefined();
  });
});

describe(admitToUnitRoom.name, () => {
  it('admits a unit in scope below the cap', () => {
    expect(admitToUnitRoom(screen, '26734', '2026-11-23', hierarchy, 0, 2)).toEqual({ ok: true });
  });

  it('refuses another commune’s room', () => {
    const answer = admitToUnitRoom(screen, '26740', '2026-11-23', hierarchy, 0, 2);
    expect(answer).toEqual({ ok: false, error: expect.stringContaining('forbidden') });
  });

  it('refuses one room past the cap', () => {
    const province: Principal = { ...screen, units: ['25'] };
    expect(admitToUnitRoom(province, '26740', '2026-11-23', hierarchy, 2, 2)).toEqual({
      ok: false,
      error: expect.stringContaining('at most 2 units'),
    });
  });
});
