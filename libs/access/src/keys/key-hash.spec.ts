import { matchKey, newKeySecret, presentedCredential, sha256Of } from './key-hash';

describe(presentedCredential.name, () => {
  it.each([
    ['a bearer token', { authorization: 'Bearer abc.123' }, 'abc.123'],
    ['a lower-case scheme', { authorization: 'bearer abc' }, 'abc'],
    ['X-Api-Key', { 'x-api-key': ' abc ' }, 'abc'],
    ['Authorization before X-Api-Key', { authorization: 'Bearer first', 'x-api-key': 'second' }, 'first'],
    ['X-Api-Key when Authorization is not Bearer', { authorization: 'Basic Zm9v', 'x-api-key': 'k' }, 'k'],
    ['nothing', {}, undefined],
    ['an empty bearer', { authorization: 'Bearer ' }, undefined],
    ['an empty X-Api-Key', { 'x-api-key': '' }, undefined],
  ])('reads %s', (_label, headers, expected) => {
    expect(presentedCredential(headers)).toBe(expected);
  });
});

describe(matchKey.name, () => {
  const keys = [
    { id: 'a', sha256: sha256Of('secret-a') },
    { id: 'b', sha256: sha256Of('secret-b') },
  ];

  it('finds the key whose hash matches', () => {
    expect(matchKey('secret-b', keys)?.id).toBe('b');
  });

  it('finds nothing for an unknown key, a hash presented as the key, or no keys', () => {
    expect(matchKey('secret-c', keys)).toBeUndefined();
    expect(matchKey(sha256Of('secret-a').toString('hex'), keys)).toBeUndefined();
    expect(matchKey('secret-a', [])).toBeUndefined();
  });
});

describe(newKeySecret.name, () => {
  it('makes distinct prefixed secrets of 256 random bits without dots', () => {
    const [a, b] = [newKeySecret(), newKeySecret()];
    expect(a).toMatch(/^coc_[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
  });
});
