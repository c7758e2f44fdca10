import type { AccessKey } from './access-key';
import { sha256Of } from './key-hash';
import { KeyRing } from './key-ring';
import type { KeyStore, StoredKey } from './key-store.port';

const key = (id: string, secret: string, role: AccessKey['role'] = 'screen'): AccessKey => ({
  id,
  role,
  units: ['26734'],
  sources: 'all',
  sha256: sha256Of(secret),
});

class FakeStore implements KeyStore {
  keys: StoredKey[] = [];
  reads = 0;
  failure: Error | undefined;

  list(): Promise<StoredKey[]> {
    this.reads += 1;
    return this.failure ? Promise.reject(this.failure) : Promise.resolve(this.keys);
  }

  save(stored: StoredKey): Promise<void> {
    this.keys = [...this.keys.filter((k) => k.id !== stored.id), stored];
    return Promise.resolve();
  }
}

describe(KeyRing.name, () => {
  let store: FakeStore;
  let now: number;
  let sut: KeyRing;

  beforeEach(() => {
    store = new FakeStore();
    now = 1_000_000;
    sut = new KeyRing([key('env-admin', 'env-secret', 'admin')], store, 5_000, () => now);
  });

  it('authenticates environment and stored keys, without the hash in the principal', async () => {
    await store.save({ ...key('screen-1', 'screen-secret'), createdAt: new Date(0) });
    expect(await sut.authenticate('env-secret')).toEqual({
      id: 'env-admin',
      role: 'admin',
      units: ['26734'],
      sources: 'all',
    });
    expect(await sut.authenticate('screen-secret')).toMatchObject({ id: 'screen-1', role: 'screen' });
    expect(await sut.authenticate('nothing')).toBeUndefined();
  });

  it('reads the store at most once per refresh delay, then sees a revocation', async () => {
    await store.save({ ...key('screen-1', 'screen-secret'), createdAt: new Date(0) });
    expect(await sut.authenticate('screen-secret')).toBeDefined();
    await store.save({
      ...key('screen-1', 'screen-secret'),
      createdAt: new Date(0),
      revokedAt: new Date(now),
    });
    now += 4_999;
    expect(await sut.authenticate('screen-secret')).toBeDefined();
    expect(store.reads).toBe(1);
    now += 1;
    expect(await sut.authenticate('screen-secret')).toBeUndefined();
    expect(await sut.principal('screen-1')).toBeUndefined();
    expect(store.reads).toBe(2);
  });

  it('reads the store on refresh() whatever the cache’s age, so live sockets learn of revocations', async () => {
    await store.save({ ...key('screen-1', 'screen-secret'), createdAt: new Date(0) });
    expect(await sut.principal('screen-1')).toBeDefined();
    await store.save({
      ...key('screen-1', 'screen-secret'),
      createdAt: new Date(0),
      revokedAt: new Date(now),
    });
    await sut.refresh();
    expect(store.reads).toBe(2);
    expect(await sut.principal('screen-1')).toBeUndefined();
  });

  it('shares one read among concurrent requests', async () => {
    await Promise.all([sut.authenticate('a'), sut.authenticate('b'), sut.principal('c')]);
    expect(store.reads).toBe(1);
  });

  it('never lets the store replace a key of the environment', async () => {
    await store.save({ ...key('env-admin', 'stolen', 'admin'), createdAt: new Date(0) });
    expect(await sut.authenticate('stolen')).toBeUndefined();
    expect(await sut.authenticate('env-secret')).toBeDefined();
  });

  it('lets a store failure fail a stored key’s request rather than authenticate or deny silently', async () => {
    store.failure = new Error('ClickHouse down');
    await expect(sut.authenticate('some-other-secret')).rejects.toThrow('ClickHouse down');
  });

  it('still accepts an environment key while the store is down (it needs no store)', async () => {
    store.failure = new Error('ClickHouse down');
    await expect(sut.authenticate('env-secret')).resolves.toMatchObject({ role: expect.any(String) });
  });
});
