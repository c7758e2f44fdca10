import { Inject, Injectable } from '@nestjs/common';
import { DLQ_HEADERS, dlqTopic } from '@libs/contracts';
import { EVENT_BUS, type EventBus, type TopicMessages } from '@libs/event-bus';
import { IngestEnv } from '../ingest.env';
import type { RejectedRecord } from '../pipeline/ingest-record';
import type { DeadLetterPublisher } from '../ports/ingest-sinks.port';
import { deadLetterCopy } from './dead-letter-copy';

/** A reason is for people; the first kilobytes say everything a reader acts on. */
const MAX_REASON_CHARS = 4096;

@Injectable()
export class BusDeadLetterPublisher implements DeadLetterPublisher {
  constructor(
    @Inject(EVENT_BUS) private readonly bus: EventBus,
    private readonly env: IngestEnv,
  ) {}

  /**
   * One record can exceed the broker's message.max.bytes (1 MiB by default) once decompressed:
   * each copy is capped (the bus splits a large batch into requests of its own size).
   */
  async publish(rejects: RejectedRecord[]): Promise<void> {
    const byTopic = new Map<string, TopicMessages>();
    for (const reject of rejects) {
      const topic = dlqTopic(reject.origin.topic);
      const copy = deadLetterCopy(reject.value, this.env.INGEST_DLQ_MAX_VALUE_BYTES);
      let batch = byTopic.get(topic);
      if (!batch) byTopic.set(topic, (batch = { topic, messages: [] }));
      batch.messages.push({
        key: reject.key,
        value: copy.value,
        headers: {
          [DLQ_HEADERS.code]: reject.rejection.code,
          [DLQ_HEADERS.reason]: reject.rejection.reason.slice(0, MAX_REASON_CHARS),
          [DLQ_HEADERS.topic]: reject.origin.topic,
          [DLQ_HEADERS.partition]: String(reject.origin.partition),
          [DLQ_HEADERS.offset]: reject.origin.offset,
          [DLQ_HEADERS.originalBytes]: String(copy.originalBytes),
          [DLQ_HEADERS.originalSha256]: copy.sha256,
          [DLQ_HEADERS.truncated]: String(copy.truncated),
        },
      });
    }
    await this.bus.publish([...byTopic.values()], { compressed: true });
  }
}
