import { Injectable } from '@nestjs/common';
import { KPI_CHANGES_TOPIC, type KpiInputsChanged } from '@libs/contracts';
import { KafkaConnection } from '@libs/kafka';
import type { ChangeAnnouncer } from '../ports/ingest-sinks.port';

@Injectable()
export class KafkaChangeAnnouncer implements ChangeAnnouncer {
  constructor(private readonly kafka: KafkaConnection) {}

  async announce(changes: KpiInputsChanged[]): Promise<void> {
    await this.kafka.produce([
      {
        topic: KPI_CHANGES_TOPIC,
        messages: changes.map((c) => ({ key: c.unitCode, value: JSON.stringify(c) })),
      },
    ]);
  }
}
