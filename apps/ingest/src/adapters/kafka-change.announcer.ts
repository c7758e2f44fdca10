import { Injectable } from '@nestjs/common';
import { KPI_CHANGES_TOPIC, type KpiInputsChanged } from '@libs/contracts';
import { KafkaConnection } from '@libs/kafka';
import type { ChangeAnnouncer } from '../ports/ingest-sinks.port';

@Injectable()
export class KafkaChangeAnnouncer implements ChangeAnnouncer {
  constructor(private readonly kafka: KafkaConnection) {}

  async announce(changes: KpiInputsChanged[]): Promise<void> {
    if (changes.length === 0) return;
    const producer = await this.kafka.sharedProducer();
    await producer.send({
      topic: KPI_CHANGES_TOPIC,
      acks: -1,
      messages: changes.map((c) => ({ key: c.unitCode, value: JSON.stringify(c) })),
    });
  }
}
