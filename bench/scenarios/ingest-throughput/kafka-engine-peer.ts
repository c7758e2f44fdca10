import type { ClickHouseClient } from '@clickhouse/client';
import { rawEventsTable } from '@libs/clickhouse';
import type { SourceId } from '@libs/contracts';
import type { KafkaConfig } from 'kafkajs';

/** XML text: the only characters that need escaping in an element's content. */
const xmlText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The private server's extra configuration for the peer: librdkafka's SASL settings (the broker
 * authenticates every client with SCRAM; 18.16 passes the `<kafka>` section to librdkafka), a new
 * group starting at the earliest offset (librdkafka's default is the latest), and
 * `input_format_skip_unknown_fields` in the default profile, which the Kafka engine reads with:
 * 18.16 cannot read the payload object into a String, so the peer reads the envelope only. The
 * engine writes (and commits) a block per `kafka_max_block_size` rows (a table setting, see
 * startKafkaEnginePeer) or `stream_flush_interval_ms`.
 */
export function peerConfigFiles(
  kafka: KafkaConfig,
  { flushMs }: { flushMs: number },
): Record<string, string> {
  if (kafka.ssl) throw new Error('the Kafka engine peer is set up for SASL_PLAINTEXT or PLAINTEXT, not TLS');
  const sasl = kafka.sasl as { mechanism: string; username: string; password: string } | undefined;
  const settings = sasl
    ? `<security_protocol>sasl_plaintext</security_protocol>
    <sasl_mechanisms>${xmlText(sasl.mechanism.toUpperCase())}</sasl_mechanisms>
    <sasl_username>${xmlText(sasl.username)}</sasl_username>
    <sasl_password>${xmlText(sasl.password)}</sasl_password>`
    : '';
  return {
    'config.d/kafka.xml': `<?xml version="1.0"?>\n<yandex>\n  <kafka>\n    <auto_offset_reset>earliest</auto_offset_reset>\n    ${settings}\n  </kafka>\n</yandex>\n`,
    'users.d/kafka-peer.xml': `<?xml version="1.0"?>
<yandex><profiles><default>
  <input_format_skip_unknown_fields>1</input_format_skip_unknown_fields>
  <stream_flush_interval_ms>${flushMs}</stream_flush_interval_ms>
</default></profiles></yandex>
`,
  };
}

/**
 * The consumer group of the peer's table for one source: one group per table, since tables sharing
 * a group with different topics rebalance each other on every join (seconds of standstill at start).
 */
export const peerGroupOf = (groupId: string, source: SourceId): string => `${groupId}_${source}`;

/**
 * One Kafka engine table per source topic and a materialized view from it into the source's raw
 * table (the table ingest writes), envelope columns only; the payload column stays empty. Creating
 * the view starts the consumption. `blockRows` is per table: 18.16 ignores the profile's
 * max_block_size here and would commit a topic in blocks of 65,536 rows, too coarse to time.
 */
export async function startKafkaEnginePeer(
  clickhouse: ClickHouseClient,
  {
    brokers,
    groupId,
    topics,
    blockRows,
  }: { brokers: string; groupId: string; topics: ReadonlyMap<SourceId, string>; blockRows: number },
): Promise<void> {
  for (const [source, topic] of topics) {
    const queue = `${source}_kafka_queue`;
    await clickhouse.command({
      query: `CREATE TABLE ${queue} (
  eventId String, type String, schemaVersion UInt16, unitCode String, occurredAt String, producedAt String
) ENGINE = Kafka SETTINGS kafka_broker_list = '${brokers}', kafka_topic_list = '${topic}',
  kafka_group_name = '${peerGroupOf(groupId, source)}', kafka_format = 'JSONEachRow', kafka_row_delimiter = '\\n',
  kafka_max_block_size = ${blockRows}`,
    });
    await clickhouse.command({
      query: `CREATE MATERIALIZED VIEW ${source}_kafka_view TO ${rawEventsTable(source)} AS
SELECT eventId AS event_id, type, schemaVersion AS schema_version, unitCode AS unit_code,
  parseDateTimeBestEffort(occurredAt) AS occurred_at, parseDateTimeBestEffort(producedAt) AS produced_at,
  now() AS ingested_at, '' AS payload
FROM ${queue}`,
    });
  }
}

/**
 * Ends a peer's leg without the wait of dropping its Kafka tables (about 10 s each for their
 * consumers to close): its views go first, which stops the streaming, then every other table but
 * the Kafka ones, so no merge of the peer's data runs on during the legs that follow.
 */
export async function retireKafkaEnginePeer(clickhouse: ClickHouseClient): Promise<void> {
  const result = await clickhouse.query({
    query: `SELECT name, engine FROM system.tables WHERE database = currentDatabase() AND engine != 'Kafka'`,
    format: 'JSONEachRow',
  });
  const tables = await result.json<{ name: string; engine: string }>();
  const views = tables.filter((t) => t.engine === 'MaterializedView');
  const others = tables.filter((t) => t.engine !== 'MaterializedView');
  for (const { name } of [...views, ...others]) await clickhouse.command({ query: `DROP TABLE ${name}` });
}
