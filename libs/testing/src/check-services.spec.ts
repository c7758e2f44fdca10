import { checkServices } from './check-services';

describe(checkServices.name, () => {
  it('stops within 30 s with one message naming each service that does not answer', async () => {
    const started = Date.now();
    const check = checkServices({
      kafkaBrokers: '127.0.0.1:9',
      clickhouseUrl: 'http://user:secret@127.0.0.1:9',
    });
    await expect(check).rejects.toThrow(
      /^Kafka at KAFKA_BROKERS=127\.0\.0\.1:9 does not answer \(.+\); ClickHouse at CLICKHOUSE_URL=http:\/\/\*\*\*@127\.0\.0\.1:9 does not answer \(.+\)\. Start the services/,
    );
    expect(Date.now() - started).toBeLessThan(30_000);
  }, 40_000);
});
