import { createHash } from 'node:crypto';
import { InvalidApiKeyConfigError, loadApiKeyConfig, parseApiKeyConfig } from './api-key-config';

const hashOf = (key: string) => createHash('sha256').update(key).digest('hex');
const entry = (overrides: Record<string, unknown> = {}) => ({
  id: 'onestop-portal',
  sha256: hashOf('secret-1'),
  source: 'onestop',
  units: ['26734', '26737'],
  ...overrides,
});

function problemsOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidApiKeyConfigError);
    return (error as Error).message;
  }
  throw new Error('expected InvalidApiKeyConfigError');
}

describe(parseApiKeyConfig.name, () => {
  it('keeps the hash as bytes, the source and the unit set', () => {
    const [key] = parseApiKeyConfig(JSON.stringify([entry()]), 'INGEST_API_KEYS');
    expect(key.id).toBe('onestop-portal');
    expect(key.sha256.toString('hex')).toBe(hashOf('secret-1'));
    expect(key.source).toBe('onestop');
    expect(key.units).toEqual(new Set(['26734', '26737']));
  });

  it('reads ["*"] as all units and accepts upper-case hex', () => {
    const [key] = parseApiKeyConfig(
      JSON.stringify([entry({ units: ['*'], sha256: hashOf('x').toUpperCase() })]),
      'INGEST_API_KEYS',
    );
    expect(key.units).toBe('all');
    expect(key.sha256.toString('hex')).toBe(hashOf('x'));
  });

  it('accepts an empty array as no keys', () => {
    expect(parseApiKeyConfig('[]', 'INGEST_API_KEYS')).toEqual([]);
  });

  it.each([
    ['not JSON', '{oops', 'not JSON'],
    ['an object instead of an array', '{}', 'must be a JSON array'],
    ['an invalid source', JSON.stringify([entry({ source: 'fax' })]), 'source must be one of'],
    ['bad hex', JSON.stringify([entry({ sha256: 'zz'.repeat(32) })]), 'sha256 must be the 64 hex'],
    ['a short hash', JSON.stringify([entry({ sha256: 'ab' })]), 'sha256 must be the 64 hex'],
    ['empty units', JSON.stringify([entry({ units: [] })]), 'units must be a non-empty array'],
    ['malformed units', JSON.stringify([entry({ units: ['2673x'] })]), 'units 2673x are not unit codes'],
    ['"*" among codes', JSON.stringify([entry({ units: ['*', '26734'] })]), 'only on its own'],
    ['an unknown field', JSON.stringify([entry({ unit: ['26734'] })]), 'unknown fields unit'],
    ['a missing id', JSON.stringify([entry({ id: undefined })]), 'id must be'],
    [
      'duplicate ids',
      JSON.stringify([entry(), entry({ sha256: hashOf('2') })]),
      'duplicate ids onestop-portal',
    ],
    ['a repeated hash', JSON.stringify([entry(), entry({ id: 'other' })]), 'ids other repeat the sha256'],
  ])('refuses %s, naming the variable', (_label, text, problem) => {
    const message = problemsOf(() => parseApiKeyConfig(text, 'INGEST_API_KEYS'));
    expect(message).toContain('INGEST_API_KEYS');
    expect(message).toContain(problem);
  });

  it('names the entry and never echoes a hash', () => {
    const message = problemsOf(() =>
      parseApiKeyConfig(JSON.stringify([entry(), entry({ id: 'cam', source: 'tv' })]), 'INGEST_API_KEYS'),
    );
    expect(message).toContain('entry 1 (id "cam")');
    expect(message).not.toContain(hashOf('secret-1'));
  });
});

describe(loadApiKeyConfig.name, () => {
  const inline = JSON.stringify([entry()]);
  const noFile = (path: string): string => {
    throw new Error(`ENOENT: ${path}`);
  };

  it('has no keys when neither variable is set', () => {
    expect(loadApiKeyConfig({}, noFile)).toEqual([]);
  });

  it('reads INGEST_API_KEYS inline', () => {
    expect(loadApiKeyConfig({ INGEST_API_KEYS: inline }, noFile).map((k) => k.id)).toEqual([
      'onestop-portal',
    ]);
  });

  it('reads the file INGEST_API_KEYS_FILE names', () => {
    const read = jest.fn(() => inline);
    expect(loadApiKeyConfig({ INGEST_API_KEYS_FILE: '/etc/coc/keys.json' }, read)).toHaveLength(1);
    expect(read).toHaveBeenCalledWith('/etc/coc/keys.json');
  });

  it('names INGEST_API_KEYS_FILE and the path when the file is unreadable or invalid', () => {
    const unreadable = problemsOf(() => loadApiKeyConfig({ INGEST_API_KEYS_FILE: '/nope.json' }, noFile));
    expect(unreadable).toContain('Invalid INGEST_API_KEYS_FILE');
    expect(unreadable).toContain('cannot read /nope.json');
    expect(
      problemsOf(() => loadApiKeyConfig({ INGEST_API_KEYS_FILE: '/k.json' }, () => '[{"id": 1}]')),
    ).toContain('Invalid INGEST_API_KEYS_FILE (/k.json)');
  });

  it('refuses both variables at once', () => {
    expect(
      problemsOf(() =>
        loadApiKeyConfig({ INGEST_API_KEYS: inline, INGEST_API_KEYS_FILE: '/k.json' }, noFile),
      ),
    ).toContain('not both');
  });
});
