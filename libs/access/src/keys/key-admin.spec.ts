import { matchKey } from './key-hash';
import { KeyAdminError, issueKey, revokeKey, rotateKey } from './key-admin';
import type { KeyStore, StoredKey } from './key-store.port';

class FakeStore implements KeyStore {
  saved: StoredKey[] = [];
  list(): Promise<StoredKey[]> {
    const latest = new Map(this.saved.map((k) => [k.id, k]));
    return Promise.resolve([...latest.values()]);
  }
  save(key: StoredKey): Promise<void> {
    this.saved.push(key);
    return Promise.resolve();
  }
}

describe('key administration', () => {
  const screen = { id: 'screen-26734', role: 'screen', units: ['26734'] };

  it('issues a key whose secret matches only its stored hash, and refuses the same id twice', async () => {
    const store = new FakeStore();
    const { key, secret } = await issueKey(store, screen, new Date(0));
    expect(key).toMatchObject({ id: 'screen-26734', role: 'screen', units: ['26734'], sources: 'all' });
    expect(matchKey(secret, await store.list())?.id).toBe('screen-26734');
    expect(JSON.stringify(store.saved)).not.toContain(secret);
    await expect(issueKey(store, screen)).rejects.toThrow(KeyAdminError);
  });

  it('refuses an invalid description with its problems', async () => {
    await expect(issueKey(new FakeStore(), { id: 'x', role: 'root', units: [] })).rejects.toThrow(
      /role must be one of .*units must be a non-empty array/,
    );
  });

  it('rotates a secret: the old one no longer matches, the new one does', async () => {
    const store = new FakeStore();
    const first = await issueKey(store, screen);
    const second = await rotateKey(store, screen.id);
    expect(matchKey(first.secret, await store.list())).toBeUndefined();
    expect(matchKey(second.secret, await store.list())?.id).toBe(screen.id);
  });

  it('revokes once, and neither rotates nor revives a revoked key', async () => {
    const store = new FakeStore();
    await issueKey(store, screen);
    const revoked = await revokeKey(store, screen.id, new Date(5_000));
    expect(revoked.revokedAt).toEqual(new Date(5_000));
    expect((await revokeKey(store, screen.id)).revokedAt).toEqual(new Date(5_000));
    await expect(rotateKey(store, screen.id)).rejects.toThrow('no active key');
    await expect(revokeKey(store, 'nobody')).rejects.toThrow('no key nobody');
  });
});
