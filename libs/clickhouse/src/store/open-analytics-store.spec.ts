import { join } from 'node:path';
import { InvalidEnvironmentError, loadEnv } from '@libs/platform';
import { ClickHouseEnv } from '../clickhouse.env';
import { analyticsDirectory, analyticsEngineOf } from './open-analytics-store';

const refusal = (source: NodeJS.ProcessEnv): string => {
  try {
    loadEnv(ClickHouseEnv, source);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidEnvironmentError);
    return (error as Error).message;
  }
  throw new Error('the environment was accepted');
};

describe('analytics store selection', () => {
  it('is the embedded engine in ./data/analytics when nothing is configured', () => {
    const env = loadEnv(ClickHouseEnv, {});
    expect(analyticsEngineOf(env)).toBe('embedded');
    expect(analyticsDirectory(env)).toBe(join('data', 'analytics'));
    expect(env.CLICKHOUSE_DATABASE).toBe('coc');
  });

  it('is the embedded engine under COC_DATA_DIR, and when CLICKHOUSE_URL is empty', () => {
    const env = loadEnv(ClickHouseEnv, { COC_DATA_DIR: '/var/lib/coc', CLICKHOUSE_URL: '' });
    expect(analyticsEngineOf(env)).toBe('embedded');
    expect(analyticsDirectory(env)).toBe('/var/lib/coc/analytics');
  });

  it('is the server CLICKHOUSE_URL names, with its user and password', () => {
    const env = loadEnv(ClickHouseEnv, {
      CLICKHOUSE_URL: 'http://clickhouse:8123',
      CLICKHOUSE_USER: 'coc_reader',
      CLICKHOUSE_PASSWORD: 'secret',
    });
    expect(analyticsEngineOf(env)).toBe('server');
    expect(env).toMatchObject({ CLICKHOUSE_USER: 'coc_reader', CLICKHOUSE_PASSWORD: 'secret' });
  });

  it.each(['CLICKHOUSE_USER', 'CLICKHOUSE_PASSWORD'])(
    'refuses %s without CLICKHOUSE_URL: the embedded store has no users, so no read-only one',
    (name) => {
      const message = refusal({ [name]: 'coc_reader' });
      expect(message).toContain(name);
      expect(message).toContain('CLICKHOUSE_URL');
      expect(message).not.toContain('coc_reader');
    },
  );

  it('refuses a CLICKHOUSE_URL that is no http(s) URL, and an empty COC_DATA_DIR is the default', () => {
    expect(refusal({ CLICKHOUSE_URL: 'clickhouse:8123' })).toContain('CLICKHOUSE_URL');
    expect(loadEnv(ClickHouseEnv, { COC_DATA_DIR: '' }).COC_DATA_DIR).toBe('./data');
  });
});
