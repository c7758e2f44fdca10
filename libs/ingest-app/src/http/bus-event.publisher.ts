import { Inject, Injectable } from '@nestjs/common';
import { sourceTopic, type SourceId } from '@libs/contracts';
import { EVENT_BUS, type EventBus, type TopicMessages } from '@libs/event-bus';
import type { EventPublisher, OutgoingEvent } from './event-publisher.port';

/**
 * Publishes to the source topic keyed by unit code, exactly as a source system would; resolves
 * only once the bus holds the events durably, so the HTTP answer can promise them.
 */
@Injectable()
export class BusEventPublisher implements EventPublisher {
  constructor(@Inject(EVENT_BUS) private readonly bus: EventBus) {}

  async publish(events: readonly OutgoingEvent[]): Promise<void> {
    const bySource = new Map<SourceId, TopicMessages>();
    for (const e of events) {
      let batch = bySource.get(e.source);
      if (!batch) bySource.set(e.source, (batch = { topic: sourceTopic(e.source), messages: [] }));
      batch.messages.push({ key: e.unitCode, value: e.json });
    }
    await this.bus.publish([...bySource.values()]);
  }
}
