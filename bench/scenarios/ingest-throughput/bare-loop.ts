import type { ClickHouseClient } from '@clickhouse/client';
import type { Kafka } from 'kafkajs';
import { rawEventsTable } from '@libs/clickhouse';
import { sourceOfTopic, type EventEnvelope } from '@libs/contracts';
import { IngestEnv } from '@libs/ingest-app';
import { bareRawRow } from '../../lib/bare-raw-row';

/**
 * The bare limit: a minimal kafkajs eachBatch loop that moves each record into its source's raw
 * table as JSONEachRow, with the fetch sizes, wait and partition concurrency ingest uses by default and
 * nothing else: no validation, no KPI input rows, no rejects, no change notices. Runs until stopped.
 */
export async function startBareLoop(
  kafka: Kafka,
  clickhouse: ClickHouseClient,
  { groupId, topics, topicPrefix }: { groupId: string; topics: readonly string[]; topicPrefix: string },
): Promise<{ stop: () => Promise<void> }> {
  // Ingest's defaults, read from its configuration class, so the two legs fetch alike.
  const ingest = new IngestEnv();
  const consumer = kafka.consumer({
    groupId,
    minBytes: ingest.INGEST_BATCH_MIN_BYTES,
    maxWaitTimeInMs: ingest.INGEST_BATCH_MAX_WAIT_MS,
    maxBytesPerPartition: ingest.INGEST_BATCH_MAX_BYTES_PER_PARTITION,
  });
  await consumer.connect();
  await consumer.subscribe({ topics: [...topics], fromBeginning: true });
  await consumer.run({
    autoCommit: false,
    partitionsConsumedConcurrently: ingest.INGEST_PARTITIONS_CONCURRENTLY,
    eachBatch: async ({ batch }) => {
      const source = sourceOfTopic(batch.topic.slice(topicPrefix.length));
      if (!source) throw new Error(`${batch.topic} is not a source topic`);
      const now = Math.floor(Date.now() / 1000);
      const rows = batch.messages.map((m) =>
        bareRawRow(JSON.parse(m.value?.toString('utf8') ?? 'null') as EventEnvelope, now),
      );
      await clickhouse.insert({ table: rawEventsTable(source), values: rows, format: 'JSONEachRow' });
      await consumer.commitOffsets([
        {
          topic: batch.topic,
          partition: batch.partition,
          offset: (BigInt(batch.lastOffset()) + 1n).toString(),
        },
      ]);
    },
  });
  return { stop: () => consumer.disconnect() };
}
