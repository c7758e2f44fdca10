import { loadEnv } from '@libs/platform';
import { ConnectorCliEnv } from './connector-cli.env';
import { resolveTransport } from './transport-options';

const env = (vars: Record<string, string> = {}) => loadEnv(ConnectorCliEnv, vars);

describe(resolveTransport.name, () => {
  it('takes Kafka from the environment by default, flags winning', () => {
    expect(resolveTransport({}, env({ KAFKA_BROKERS: 'a:1,b:2', KAFKA_TOPIC_PREFIX: 't.' }))).toEqual({
      kind: 'kafka',
      brokers: ['a:1', 'b:2'],
      topicPrefix: 't.',
      clientId: 'coc-connector-cli',
    });
    expect(
      resolveTransport(
        { brokers: 'c:3', topicPrefix: '' },
        env({ KAFKA_BROKERS: 'a:1', KAFKA_TOPIC_PREFIX: 't.' }),
      ),
    ).toMatchObject({
      brokers: ['c:3'],
      topicPrefix: '',
    });
  });

  it('posts over HTTP when an ingest URL is set, unless told otherwise', () => {
    const vars = env({ COC_INGEST_URL: 'https://coc.example.vn', COC_API_KEY: 'k', KAFKA_BROKERS: 'a:1' });
    expect(resolveTransport({}, vars)).toEqual({ kind: 'http', url: 'https://coc.example.vn', apiKey: 'k' });
    expect(resolveTransport({ transport: 'kafka' }, vars)).toMatchObject({ kind: 'kafka' });
  });

  it.each([
    [{}, {}, '--transport kafka needs --brokers or KAFKA_BROKERS'],
    [{ brokers: 'localhost' }, {}, 'brokers must be host:port, got localhost'],
    [{ transport: 'http' as const }, {}, '--transport http needs --url or COC_INGEST_URL'],
    [{ url: 'http://h:3001' }, {}, '--transport http needs --api-key or COC_API_KEY'],
    [{ url: 'ftp://h', apiKey: 'k' }, {}, '--url must be an http(s) URL'],
  ])('refuses %j with env %j before anything is read', (flags, vars, message) => {
    expect(() => resolveTransport(flags, env(vars))).toThrow(message);
  });

  it('names a malformed environment variable', () => {
    expect(() => env({ KAFKA_BROKERS: 'nohost' })).toThrow('KAFKA_BROKERS');
  });
});
