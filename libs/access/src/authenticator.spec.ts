import { Authenticator } from './authenticator';
import { sha256Of } from './keys/key-hash';
import { KeyRing } from './keys/key-ring';
import type { KeyStore, StoredKey } from './keys/key-store.port';
import { AccessTokens } from './tokens/access-tokens';

const stored = (revokedAt?: Date): StoredKey => ({
  id: 'screen-26734',
  role: 'screen',
  units: ['26734'],
  sources: 'all',
  sha256: sha256Of('screen-secret'),
  createdAt: new Date(0),
  ...(revokedAt ? { revokedAt } : {}),
});

describe(Authenticator.name, () => {
  let keys: StoredKey[];
  let now: number;
  let tokens: AccessTokens;
  let sut: Authenticator;

  beforeEach(() => {
    keys = [stored()];
    now = Date.now();
    const store: KeyStore = { list: () => Promise.resolve(keys), save: () => Promise.resolve() };
    tokens = new AccessTokens('a-test-secret-of-at-least-32-characters!', 900, () => now);
    sut = new Authenticator(new KeyRing([], store, 1_000, () => now), tokens);
  });

  it('accepts the key and a token issued from it, as the same principal', async () => {
    const byKey = await sut.authenticate('screen-secret');
    expect(byKey).toMatchObject({ id: 'screen-26734', role: 'screen' });
    const { token } = await tokens.issue(byKey!);
    expect(await sut.authenticate(token)).toEqual(byKey);
  });

  it('refuses the tokens of a revoked key once the key ring has seen the revocation', async () => {
    const { token } = await tokens.issue((await sut.authenticate('screen-secret'))!);
    keys = [stored(new Date(now))];
    now += 1_000;
    expect(await sut.authenticate(token)).toBeUndefined();
    expect(await sut.authenticate('screen-secret')).toBeUndefined();
  });

  it('refuses a token whose role no longer matches its key', async () => {
    const { token } = await tokens.issue({ id: 'screen-26734', role: 'admin', units: 'all', sources: 'all' });
    expect(await sut.authenticate(token)).toBeUndefined();
  });
});
