import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { loadEnv } from '@libs/platform';
import { ConnectorCliEnv } from './connector-cli.env';
import { addTransportOptions, resolveTransport } from './transport-options';

const env = (vars: Record<string, string> = {}) => loadEnv(ConnectorCliEnv, vars);

describe(resolveTransport.name, () => {
  it('takes Kafka from the environment by default, flags winning', () => {
    expect(resolveTransport({}, env({ KAFKA_BROKERS: 'a:1,b:2', KAFKA_TOPIC_PREFIX: 't.' }))).toMatchObject({
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
    [{ url: 'http://h:3001' }, {}, '--transport http needs --api-key-file or COC_API_KEY'],
    [{ url: 'ftp://h' }, { COC_API_KEY: 'k' }, '--url must be an http(s) URL'],
    [
      { url: 'http://h:3001', apiKeyFile: '/nonexistent/key' },
      {},
      '--api-key-file: cannot read /nonexistent/key',
    ],
  ])('refuses %j with env %j before anything is read', (flags, vars, message) => {
    expect(() => resolveTransport(flags, env(vars))).toThrow(message);
  });

  it('reads the API key from --api-key-file over COC_API_KEY, without the trailing newline', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'coc-cli-')), 'key');
    writeFileSync(file, 'from-file\n', { mode: 0o600 });
    expect(
      resolveTransport({ url: 'http://h:3001', apiKeyFile: file }, env({ COC_API_KEY: 'from-env' })),
    ).toEqual({ kind: 'http', url: 'http://h:3001', apiKey: 'from-file' });
  });

  it('has no flag that takes a secret: --api-key is refused', () => {
    const command = addTransportOptions(new Command('publish'))
      .exitOverride()
      .configureOutput({ writeErr: () => undefined })
      .action(() => undefined);
    expect(() => command.parse(['--api-key', 'k'], { from: 'user' })).toThrow(/unknown option '--api-key'/);
    expect(command.options.map((o) => o.long)).not.toContain('--api-key');
  });

  it('passes the Kafka SASL settings of the environment to the transport', () => {
    const config = resolveTransport(
      {},
      env({
        KAFKA_BROKERS: 'a:1',
        KAFKA_SASL_MECHANISM: 'scram-sha-512',
        KAFKA_SASL_USERNAME: 'coc',
        KAFKA_SASL_PASSWORD: 'pw',
      }),
    );
    expect(config.kind === 'kafka' && config.security).toMatchObject({
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: 'coc',
      KAFKA_SASL_PASSWORD: 'pw',
    });
  });

  it('names a malformed environment variable', () => {
    expect(() => env({ KAFKA_BROKERS: 'nohost' })).toThrow('KAFKA_BROKERS');
  });
});
