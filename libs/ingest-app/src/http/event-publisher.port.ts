import type { SourceId } from '@libs/contracts';

/** A validated record on its way to its source topic, as its validated (canonical) envelope JSON. */
export interface OutgoingEvent {
  source: SourceId;
  unitCode: string;
  eventId: string;
  json: string;
}

export interface EventPublisher {
  /** Resolves only once the broker has acknowledged every event. */
  publish(events: readonly OutgoingEvent[]): Promise<void>;
}

export const EVENT_PUBLISHER = Symbol('EVENT_PUBLISHER');
