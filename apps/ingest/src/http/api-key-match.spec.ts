import type { ApiKey } from './api-key-config';
import { matchApiKey, presentedApiKey, sha256Of } from './api-key-match';

const key = (id: string, secret: string): ApiKey => ({
  id,
  sha256: sha256Of(secret),
  source: 'onestop',
  units: 'all',
});

describe(presentedApiKey.name, () => {
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
    expect(presentedApiKey(headers)).toBe(expected);
  });
});

describe(matchApiKey.name, () => {
  const keys = [key('a', 'secret-a'), key('b', 'secret-b')];

  it('finds the key whose hash matches', () => {
    expect(matchApiKey('secret-b', keys)?.id).toBe('b');
  });

  it('finds nothing for an unknown key, a hash presented as the key, or no keys', () => {
    expect(matchApiKey('secret-c', keys)).toBeUndefined();
    expect(matchApiKey(sha256Of('secret-a').toString('hex'), keys)).toBeUndefined();
    expect(matchApiKey('secret-a', [])).toBeUndefined();
  });
});
