import { InvalidAccessKeyError, loadEnvAccessKeys, parseAccessKeys } from './access-key';
import { sha256Of } from './key-hash';

const hashOf = (key: string) => sha256Of(key).toString('hex');
const entry = (overrides: Record<string, unknown> = {}) => ({
  id: 'onestop-portal',
  sha256: hashOf('secret-1'),
  role: 'connector',
  units: ['26734', '26737'],
  sources: ['onestop'],
  ...overrides,
});

function problemsOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidAccessKeyError);
    return (error as Error).message;
  }
  throw new Error('expected InvalidAccessKeyError');
}

describe(parseAccessKeys.name, () => {
  it('keeps the hash as bytes, the role, the units and the sources', () => {
    const [key] = parseAccessKeys(JSON.stringify([entry()]), 'COC_ACCESS_KEYS');
    expect(key).toEqual({
      id: 'onestop-portal',
      role: 'connector',
      units: ['26734', '26737'],
      sources: ['onestop'],
      sha256: sha256Of('secret-1'),
    });
  });

  it('reads ["*"] as all, accepts upper-case hex, and gives other roles every source', () => {
    const [key] = parseAccessKeys(
      JSON.stringify([
        entry({ role: 'ioc', units: ['*'], sources: undefined, sha256: hashOf('x').toUpperCase() }),
      ]),
      'COC_ACCESS_KEYS',
    );
    expect(key).toMatchObject({ role: 'ioc', units: 'all', sources: 'all', sha256: sha256Of('x') });
  });

  it('accepts an empty array as no keys', () => {
    expect(parseAccessKeys('[]', 'COC_ACCESS_KEYS')).toEqual([]);
  });

  it.each([
    ['not JSON', '{oops', 'not JSON'],
    ['an object instead of an array', '{}', 'must be a JSON array'],
    ['an unknown role', JSON.stringify([entry({ role: 'root' })]), 'role must be one of screen, viewer'],
    [
      'a connector without sources',
      JSON.stringify([entry({ sources: undefined })]),
      'sources must be a non-empty',
    ],
    ['an invalid source', JSON.stringify([entry({ sources: ['fax'] })]), 'sources fax are not sources'],
    ['sources on a screen', JSON.stringify([entry({ role: 'screen' })]), 'sources is only for connectors'],
    ['bad hex', JSON.stringify([entry({ sha256: 'zz'.repeat(32) })]), 'sha256 must be the 64 hex'],
    ['empty units', JSON.stringify([entry({ units: [] })]), 'units must be a non-empty array'],
    ['malformed units', JSON.stringify([entry({ units: ['2673x'] })]), 'units 2673x are not unit codes'],
    ['"*" among codes', JSON.stringify([entry({ units: ['*', '26734'] })]), 'only on its own'],
    ['an unknown field', JSON.stringify([entry({ source: 'onestop' })]), 'unknown fields source'],
    ['a missing id', JSON.stringify([entry({ id: undefined })]), 'id must be'],
    [
      'duplicate ids',
      JSON.stringify([entry(), entry({ sha256: hashOf('2') })]),
      'duplicate ids onestop-portal',
    ],
    ['a repeated hash', JSON.stringify([entry(), entry({ id: 'other' })]), 'ids other repeat the sha256'],
  ])('refuses %s, naming the variable', (_label, text, problem) => {
    const message = problemsOf(() => parseAccessKeys(text, 'COC_ACCESS_KEYS'));
    expect(message).toContain('COC_ACCESS_KEYS');
    expect(message).toContain(problem);
  });

  it('names the entry and never echoes a hash', () => {
    const message = problemsOf(() =>
      parseAccessKeys(JSON.stringify([entry(), entry({ id: 'cam', role: 'tv' })]), 'COC_ACCESS_KEYS'),
    );
    expect(message).toContain('entry 1 (id "cam")');
    expect(message).not.toContain(hashOf('secret-1'));
  });
});

describe(loadEnvAccessKeys.name, () => {
  const inline = JSON.stringify([entry()]);
  const noFile = (path: string): string => {
    throw new Error(`ENOENT: ${path}`);
  };

  it('has no keys when neither variable is set', () => {
    expect(loadEnvAccessKeys({}, noFile)).toEqual([]);
  });

  it('reads COC_ACCESS_KEYS inline', () => {
    expect(loadEnvAccessKeys({ COC_ACCESS_KEYS: inline }, noFile).map((k) => k.id)).toEqual([
      'onestop-portal',
    ]);
  });

  it('reads the file COC_ACCESS_KEYS_FILE names', () => {
    const read = jest.fn(() => inline);
    expect(loadEnvAccessKeys({ COC_ACCESS_KEYS_FILE: '/etc/coc/keys.json' }, read)).toHaveLength(1);
    expect(read).toHaveBeenCalledWith('/etc/coc/keys.json');
  });

  it('names COC_ACCESS_KEYS_FILE and the path when the file is unreadable or invalid', () => {
    const unreadable = problemsOf(() => loadEnvAccessKeys({ COC_ACCESS_KEYS_FILE: '/nope.json' }, noFile));
    expect(unreadable).toContain('Invalid COC_ACCESS_KEYS_FILE');
    expect(unreadable).toContain('cannot read /nope.json');
    expect(
      problemsOf(() => loadEnvAccessKeys({ COC_ACCESS_KEYS_FILE: '/k.json' }, () => '[{"id": 1}]')),
    ).toContain('Invalid COC_ACCESS_KEYS_FILE (/k.json)');
  });

  it('refuses both variables at once', () => {
    expect(
      problemsOf(() =>
        loadEnvAccessKeys({ COC_ACCESS_KEYS: inline, COC_ACCESS_KEYS_FILE: '/k.json' }, noFile),
      ),
    ).toContain('not both');
  });
});
