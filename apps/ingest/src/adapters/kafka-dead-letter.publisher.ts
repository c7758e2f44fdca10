import { Injectable } from '@nestjs/common';
import { DLQ_HEADERS, dlqTopic } from '@libs/contracts';
import { chunkByBytes, KafkaConnection, PRODUCE_BUDGET_BYTES, RECORD_OVERHEAD_BYTES } from '@libs/kafka';
import type { RejectedRecord } from '../pipeline/ingest-record';
import type { DeadLetterPublisher } from '../ports/ingest-sinks.port';

const sizeOf = (r: RejectedRecord): number =>
  (r.value?.length ?? 0) + (r.key?.length ?? 0) + r.rejection.reason.length + RECORD_OVERHEAD_BYTES;

@Injectable()
export class KafkaDeadLetterPublisher implements DeadLetterPublisher {
  constructor(private readonly kafka: KafkaConnection) {}

  async publish(rejects: RejectedRecord[]): Promise<void> {
    // A batch of rejects can exceed the broker's message.max.bytes (1 MiB by default) many times
    // over; one request for all of them would fail forever and hold up the partition.
    for (const chunk of chunkByBytes(rejects, sizeOf, PRODUCE_BUDGET_BYTES)) {
      const byTopic = new Map<string, RejectedRecord[]>();
      for (const r of chunk) {
        const records = byTopic.get(r.origin.topic);
        if (records) records.push(r);
        else byTopic.set(r.origin.topic, [r]);
      }
      await this.kafka.produce(
        [...byTopic].map(([topic, records]) => ({
          topic: dlqTopic(topic),
          messages: records.map((r) => ({
            key: r.key,
            value: r.value,
            headers: {
              [DLQ_HEADERS.code]: r.rejection.code,
              [DLQ_HEADERS.reason]: r.rejection.reason,
              [DLQ_HEADERS.topic]: r.origin.topic,
              [DLQ_HEADERS.partition]: String(r.origin.partition),
              [DLQ_HEADERS.offset]: r.origin.offset,
            },
          })),
        })),
      );
    }
  }
}
