import { Injectable } from '@nestjs/common';
import { sourceTopic, type SourceId } from '@libs/contracts';
import {
  chunkByBytes,
  KafkaConnection,
  PRODUCE_BUDGET_BYTES,
  RECORD_OVERHEAD_BYTES,
  type TopicMessages,
} from '@libs/kafka';
import type { EventPublisher, OutgoingEvent } from './event-publisher.port';

const sizeOf = (e: OutgoingEvent) =>
  Buffer.byteLength(e.json, 'utf8') + Buffer.byteLength(e.unitCode, 'utf8') + RECORD_OVERHEAD_BYTES;

/** Publishes to the source topic keyed by unit code, exactly as a source system on Kafka would. */
@Injectable()
export class KafkaEventPublisher implements EventPublisher {
  constructor(private readonly kafka: KafkaConnection) {}

  async publish(events: readonly OutgoingEvent[]): Promise<void> {
    for (const chunk of chunkByBytes(events, sizeOf, PRODUCE_BUDGET_BYTES)) {
      const bySource = new Map<SourceId, TopicMessages>();
      for (const e of chunk) {
        let batch = bySource.get(e.source);
        if (!batch) bySource.set(e.source, (batch = { topic: sourceTopic(e.source), messages: [] }));
        batch.messages.push({ key: e.unitCode, value: e.json });
      }
      await this.kafka.produce([...bySource.values()]);
    }
  }
}
