import type { KeyRing } from '../keys/key-ring';
import type { Principal } from '../principal';
import { SocketRevocation, type SocketGroup } from './socket-revocation';

const principal = (id: string, role: Principal['role'] = 'screen'): Principal => ({
  id,
  role,
  units: ['26734'],
  sources: 'all',
});

describe(SocketRevocation.name, () => {
  const active = new Map<string, Principal>();
  const keys = {
    refresh: jest.fn(() => Promise.resolve()),
    principal: (id: string) => Promise.resolve(active.get(id)),
  } as unknown as KeyRing;
  const socket = (held?: Principal) => ({ data: { principal: held }, disconnect: jest.fn() });

  it('disconnects the sockets whose key is no longer active with the same role, after reading the store', async () => {
    active.clear();
    active.set('screen-a', principal('screen-a'));
    active.set('demoted', principal('demoted', 'viewer'));
    const kept = socket(principal('screen-a'));
    const revoked = socket(principal('screen-b'));
    const demoted = socket(principal('demoted', 'admin'));
    const anonymous = socket();
    const group: SocketGroup = {
      sockets: new Map(Object.entries({ kept, revoked, demoted, anonymous })),
    };
    const sut = new SocketRevocation(keys, 1_000);
    sut.watch(group);
    sut.stop();
    expect(await sut.sweep()).toBe(2);
    expect(keys.refresh).toHaveBeenCalled();
    expect(revoked.disconnect).toHaveBeenCalledWith(true);
    expect(demoted.disconnect).toHaveBeenCalledWith(true);
    expect(kept.disconnect).not.toHaveBeenCalled();
    expect(anonymous.disconnect).not.toHaveBeenCalled();
  });

  it('does not read the store while no socket is connected', async () => {
    const refresh = jest.fn(() => Promise.resolve());
    const sut = new SocketRevocation({ refresh } as unknown as KeyRing, 1_000);
    sut.watch({ sockets: new Map() });
    sut.stop();
    expect(await sut.sweep()).toBe(0);
    expect(refresh).not.toHaveBeenCalled();
  });
});
