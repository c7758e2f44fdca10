import { Injectable } from '@nestjs/common';
import { DLQ_HEADERS, dlqTopic } from '@libs/contracts';
import { chunkByBytes, KafkaConnection, PRODUCE_BUDGET_BYTES, RECORD_OVERHEAD_BYTES } from '@libs/kafka';
import { IngestEnv } from '../ingest.env';
import type { RejectedRecord } from '../pipeline/ingest-record';
import type { DeadLetterPublisher } from '../ports/ingest-sinks.port';
import { deadLetterCopy } from './dead-letter-copy';

/** A reason is for people; the first kilobytes say everything a reader acts on. */
const MAX_REASON_CHARS = 4096;

@Injectable()
export class KafkaDeadLetterPublisher implements DeadLetterPublisher {
  constructor(
    private readonly kafka: KafkaConnection,
    private readonly env: IngestEnv,
  ) {}

  async publish(rejects: RejectedRecord[]): Promise<void> {
    const letters = rejects.map((r) => ({
      reject: r,
      copy: deadLetterCopy(r.value, this.env.INGEST_DLQ_MAX_VALUE_BYTES),
      reason: r.rejection.reason.slice(0, MAX_REASON_CHARS),
    }));
    const sizeOf = (l: (typeof letters)[number]): number =>
      (l.copy.value?.length ?? 0) + (l.reject.key?.length ?? 0) + l.reason.length + RECORD_OVERHEAD_BYTES;
    // A batch of rejects can exceed the broker's message.max.bytes (1 MiB by default) many times
    // over, and one record can too once decompressed: each copy is capped, each request too.
    for (const chunk of chunkByBytes(letters, sizeOf, PRODUCE_BUDGET_BYTES)) {
      const byTopic = new Map<string, typeof letters>();
      for (const letter of chunk) {
        const topic = letter.reject.origin.topic;
        byTopic.set(topic, [...(byTopic.get(topic) ?? []), letter]);
      }
      await this.kafka.produce(
        [...byTopic].map(([topic, topicLetters]) => ({
          topic: dlqTopic(topic),
          messages: topicLetters.map(({ reject, copy, reason }) => ({
            key: reject.key,
            value: copy.value,
            headers: {
              [DLQ_HEADERS.code]: reject.rejection.code,
              [DLQ_HEADERS.reason]: reason,
              [DLQ_HEADERS.topic]: reject.origin.topic,
              [DLQ_HEADERS.partition]: String(reject.origin.partition),
              [DLQ_HEADERS.offset]: reject.origin.offset,
              [DLQ_HEADERS.originalBytes]: String(copy.originalBytes),
              [DLQ_HEADERS.originalSha256]: copy.sha256,
              [DLQ_HEADERS.truncated]: String(copy.truncated),
            },
          })),
        })),
        { compressed: true },
      );
    }
  }
}
