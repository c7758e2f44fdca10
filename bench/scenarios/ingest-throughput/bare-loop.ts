import type { ClickHouseClient } from '@clickhouse/client';
import type { Kafka } from 'kafkajs';
import { rawEventsTable } from '@libs/clickhouse';
import { sourceOfTopic, type EventEnvelope } from '@libs/contracts';

const seconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);

/**
 * The bare limit: a minimal kafkajs eachBatch loop that moves each record into its source's raw
 * table as JSONEachRow, with the fetch sizes and partition concurrency ingest uses by default and
 * nothing else: no validation, no KPI input rows, no rejects, no change notices. Runs until stopped.
 */
export async function startBareLoop(
  kafka: Kafka,
  clickhouse: ClickHouseClient,
  { groupId, topics, topicPrefix }: { groupId: string; topics: readonly string[]; topicPrefix: string },
): Promise<{ stop: () => Promise<void> }> {
  const consumer = kafka.consumer({
    groupId,
    minBytes: 65_536,
    maxWaitTimeInMs: 500,
    maxBytesPerPartition: 4_194_304,
  });
  await consumer.connect();
  await consumer.subscribe({ topics: [...topics], fromBeginning: true });
  await consumer.run({
    autoCommit: false,
    partitionsConsumedConcurrently: 3,
    eachBatch: async ({ batch }) => {
      const source = sourceOfTopic(batch.topic.slice(topicPrefix.length));
      if (!source) throw new Error(`${batch.topic} is not a source topic`);
      const now = Math.floor(Date.now() / 1000);
      const rows = batch.messages.map((m) => {
        const e = JSON.parse(m.value?.toString('utf8') ?? 'null') as EventEnvelope;
        return {
          event_id: e.eventId,
          type: e.type,
          schema_version: e.schemaVersion,
          unit_code: e.unitCode,
          occurred_at: seconds(e.occurredAt),
          produced_at: seconds(e.producedAt),
          ingested_at: now,
          payload: JSON.stringify(e.payload),
        };
      });
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
