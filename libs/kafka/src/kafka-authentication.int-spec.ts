import { loadEnv } from '@libs/platform';
import { testKafka, testKafkaSecurity, uniqueTestId } from '@libs/testing';
import { KafkaEventBus } from './kafka-event-bus';
import { KafkaEnv } from './kafka.env';

/**
 * The broker really authenticates: the apps' own Kafka client (KafkaEventBus, configured from the
 * environment like every app) is accepted with the SCRAM credentials the test run was given, and the
 * same client with a wrong password, another mechanism or no credentials at all is refused and
 * writes nothing.
 */
describe('Kafka SASL/SCRAM against the real broker', () => {
  const id = uniqueTestId('kafka_auth');
  const security = testKafkaSecurity();
  const connectionWith = (overrides: Record<string, string>) =>
    new KafkaEventBus(
      loadEnv(KafkaEnv, {
        ...process.env,
        KAFKA_CLIENT_ID: id,
        KAFKA_TOPIC_PREFIX: `${id}.`,
        KAFKA_TOPIC_PARTITIONS: '1',
        ...overrides,
      }),
    );
  const probe = [{ topic: 'probe', messages: [{ key: 'k', value: 'authenticated' }] }];
  const admin = testKafka(`${id}-admin`).admin();
  let accepted: KafkaEventBus;

  /** Messages in the probe topic, read with the right credentials. */
  async function probeMessages(): Promise<number> {
    const offsets = await admin.fetchTopicOffsets(`${id}.probe`);
    return offsets.reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0);
  }

  beforeAll(async () => {
    if (!security.KAFKA_SASL_MECHANISM) {
      throw new Error(
        'this test needs a broker with SASL: KAFKA_SASL_MECHANISM is not set (the jest set-up passes on the SCRAM users of deploy/local; a KAFKA_BROKERS given without KAFKA_SASL_* cannot show a refusal)',
      );
    }
    await admin.connect();
    accepted = connectionWith({});
    await accepted.ensureTopics(['probe']);
  });

  afterAll(async () => {
    await accepted?.close();
    await admin.disconnect();
  });

  it('accepts the configured SCRAM user: topic created, message acknowledged', async () => {
    await accepted.publish(probe);
    expect(await probeMessages()).toBe(1);
  });

  it('refuses a wrong password, and nothing is written', async () => {
    const refused = connectionWith({ KAFKA_SASL_PASSWORD: `${security.KAFKA_SASL_PASSWORD ?? ''}x` });
    await expect(refused.publish(probe)).rejects.toThrow(
      /SASL SCRAM SHA\d+ authentication failed.*invalid credentials/,
    );
    expect(await probeMessages()).toBe(1);
  });

  it('refuses the right password under a mechanism the broker does not enable', async () => {
    const other = security.KAFKA_SASL_MECHANISM === 'scram-sha-512' ? 'scram-sha-256' : 'scram-sha-512';
    const refused = connectionWith({ KAFKA_SASL_MECHANISM: other });
    await expect(refused.publish(probe)).rejects.toThrow(/SASL|mechanism|authentication/i);
    expect(await probeMessages()).toBe(1);
  });

  it('refuses a client without credentials, and nothing is written', async () => {
    const anonymous = testKafka(`${id}-anonymous`, {
      sasl: undefined,
      connectionTimeout: 3000,
      retry: { retries: 0 },
    }).producer();
    // Connecting only asks ApiVersions, which a SASL listener answers before authentication: the
    // refusal comes with the first real request.
    const sent = anonymous
      .connect()
      .then(() => anonymous.send({ topic: `${id}.probe`, messages: [{ value: 'anonymous' }] }));
    // The broker drops a connection whose first request after ApiVersions is not a SASL handshake.
    await expect(sent).rejects.toThrow('Closed connection');
    await anonymous.disconnect();
    expect(await probeMessages()).toBe(1);
  });
});
