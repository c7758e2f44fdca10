import type { Principal } from '../principal';
import { AccessTokens, looksLikeToken } from './access-tokens';

const SECRET = 'a-test-secret-of-at-least-32-characters!';
const screen: Principal = { id: 'screen-26734', role: 'screen', units: ['26734'], sources: 'all' };

describe(AccessTokens.name, () => {
  let now: number;
  let sut: AccessTokens;

  beforeEach(() => {
    now = Date.parse('2026-11-23T01:00:00Z');
    sut = new AccessTokens(SECRET, 900, () => now);
  });

  it('issues a token naming the key and role, valid until its expiry', async () => {
    const { token, expiresAt } = await sut.issue(screen);
    expect(looksLikeToken(token)).toBe(true);
    expect(expiresAt.toISOString()).toBe('2026-11-23T01:15:00.000Z');
    expect(await sut.verify(token)).toEqual({ keyId: 'screen-26734', role: 'screen' });
    now += 899_000;
    expect(await sut.verify(token)).toBeDefined();
    now += 1_000;
    expect(await sut.verify(token)).toBeUndefined();
  });

  it('refuses a token signed with another secret, altered, or malformed', async () => {
    const { token } = await sut.issue(screen);
    const other = await new AccessTokens('another-secret-of-at-least-32-chars!!', 900, () => now).issue(
      screen,
    );
    expect(await sut.verify(other.token)).toBeUndefined();
    const [header, , signature] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ sub: 'admin', role: 'admin', iss: 'coc-stream' })).toString(
      'base64url',
    );
    expect(await sut.verify(`${header}.${forged}.${signature}`)).toBeUndefined();
    expect(await sut.verify('a.b.c')).toBeUndefined();
  });

  it('refuses an unsigned token (alg none)', async () => {
    const header = Buffer.from('{"alg":"none"}').toString('base64url');
    const payload = Buffer.from(
      JSON.stringify({ sub: 'x', role: 'admin', iss: 'coc-stream', exp: now / 1000 + 60 }),
    ).toString('base64url');
    expect(await sut.verify(`${header}.${payload}.`)).toBeUndefined();
  });
});
