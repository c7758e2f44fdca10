import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadEnv } from '@libs/platform';
import { kafkaClientConfig } from './kafka-client-config';
import { KafkaEnv } from './kafka.env';

const security = (vars: Record<string, string>) => loadEnv(KafkaEnv, vars);
const configOf = (vars: Record<string, string>) =>
  kafkaClientConfig({ clientId: 'c', brokers: ['b:1'], security: security(vars) });

describe(kafkaClientConfig.name, () => {
  const dir = mkdtempSync(join(tmpdir(), 'kafka-client-config-'));
  const file = (name: string, text: string): string => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it('connects without SASL or TLS when nothing is set', () => {
    expect(configOf({})).toEqual({ clientId: 'c', brokers: ['b:1'] });
  });

  it('authenticates with SCRAM from the password variable, the mechanism in any case', () => {
    expect(
      configOf({
        KAFKA_SASL_MECHANISM: 'SCRAM-SHA-512',
        KAFKA_SASL_USERNAME: 'coc',
        KAFKA_SASL_PASSWORD: 'pw',
      }),
    ).toEqual({
      clientId: 'c',
      brokers: ['b:1'],
      sasl: { mechanism: 'scram-sha-512', username: 'coc', password: 'pw' },
    });
  });

  it('reads the password file at start-up, without its trailing newline', () => {
    const passwordFile = file('password', 's3cret\n');
    expect(
      configOf({
        KAFKA_SASL_MECHANISM: 'scram-sha-256',
        KAFKA_SASL_USERNAME: 'coc',
        KAFKA_SASL_PASSWORD_FILE: passwordFile,
      }).sasl,
    ).toEqual({ mechanism: 'scram-sha-256', username: 'coc', password: 's3cret' });
  });

  it('names the variable when the password file cannot be read or is empty', () => {
    const vars = { KAFKA_SASL_MECHANISM: 'scram-sha-512', KAFKA_SASL_USERNAME: 'coc' };
    expect(() => configOf({ ...vars, KAFKA_SASL_PASSWORD_FILE: join(dir, 'missing') })).toThrow(
      /^KAFKA_SASL_PASSWORD_FILE: cannot read .*missing/,
    );
    expect(() => configOf({ ...vars, KAFKA_SASL_PASSWORD_FILE: file('empty', '\n') })).toThrow(
      'KAFKA_SASL_PASSWORD_FILE: ',
    );
  });

  it('uses TLS with the system CAs, or with the CA file given', () => {
    expect(configOf({ KAFKA_SSL: 'true' }).ssl).toBe(true);
    const ca = file('ca.pem', '-----BEGIN CERTIFICATE-----\nx\n-----END CERTIFICATE-----\n');
    expect(configOf({ KAFKA_SSL: 'true', KAFKA_SSL_CA_FILE: ca }).ssl).toEqual({
      ca: ['-----BEGIN CERTIFICATE-----\nx\n-----END CERTIFICATE-----'],
    });
    expect(configOf({ KAFKA_SSL: 'false' }).ssl).toBeUndefined();
  });
});

describe('KafkaEnv SASL/TLS validation', () => {
  it.each([
    [
      { KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'p' },
      'KAFKA_SASL_MECHANISM must be one of scram-sha-256, scram-sha-512',
    ],
    [{ KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'p' }, 'KAFKA_SASL_MECHANISM must be one of'],
    [
      { KAFKA_SASL_MECHANISM: 'scram-sha-512', KAFKA_SASL_PASSWORD: 'p' },
      'KAFKA_SASL_USERNAME is required when KAFKA_SASL_MECHANISM is set',
    ],
    [
      { KAFKA_SASL_MECHANISM: 'scram-sha-512', KAFKA_SASL_USERNAME: 'u' },
      'KAFKA_SASL_PASSWORD or KAFKA_SASL_PASSWORD_FILE is required',
    ],
    [
      {
        KAFKA_SASL_MECHANISM: 'scram-sha-512',
        KAFKA_SASL_USERNAME: 'u',
        KAFKA_SASL_PASSWORD: 'p',
        KAFKA_SASL_PASSWORD_FILE: '/f',
      },
      'set KAFKA_SASL_PASSWORD or KAFKA_SASL_PASSWORD_FILE, not both',
    ],
    [{ KAFKA_SSL_CA_FILE: '/ca.pem' }, 'KAFKA_SSL_CA_FILE needs KAFKA_SSL=true'],
  ])('refuses %j, naming the variable', (vars, message) => {
    expect(() => security(vars)).toThrow(message);
  });

  it('never echoes the password in its messages', () => {
    const refusal = (): unknown => {
      try {
        return security({ KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'hunter2-secret' });
      } catch (error) {
        return error;
      }
    };
    const error = refusal();
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toContain('KAFKA_SASL_MECHANISM');
    expect((error as Error).message).not.toContain('hunter2-secret');
  });
});
