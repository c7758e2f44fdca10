import { Inject, Injectable } from '@nestjs/common';
import { KPI_CHANGES_TOPIC, type KpiInputsChanged } from '@libs/contracts';
import { EVENT_BUS, type EventBus } from '@libs/event-bus';
import type { ChangeAnnouncer } from '../ports/ingest-sinks.port';

@Injectable()
export class BusChangeAnnouncer implements ChangeAnnouncer {
  constructor(@Inject(EVENT_BUS) private readonly bus: EventBus) {}

  async announce(changes: KpiInputsChanged[]): Promise<void> {
    await this.bus.publish([
      {
        topic: KPI_CHANGES_TOPIC,
        messages: changes.map((c) => ({ key: c.unitCode, value: JSON.stringify(c) })),
      },
    ]);
  }
}
