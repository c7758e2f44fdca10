import { Injectable } from '@nestjs/common';
import { DLQ_HEADERS, dlqTopic } from '@libs/contracts';
import { KafkaConnection } from '@libs/kafka';
import type { RejectedRecord } from '../pipeline/ingest-record';
import type { DeadLetterPublisher } from '../ports/ingest-sinks.port';

@Injectable()
export class KafkaDeadLetterPublisher implements DeadLetterPublisher {
  constructor(private readonly kafka: KafkaConnection) {}

  async publish(rejects: RejectedRecord[]): Promise<void> {
    if (rejects.length === 0) return;
    const byTopic = new Map<string, RejectedRecord[]>();
    for (const r of rejects) {
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
