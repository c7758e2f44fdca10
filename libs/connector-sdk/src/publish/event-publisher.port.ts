import type { EventEnvelope } from '@libs/contracts';

/** A record the receiving side refused, by its position in the batch that was sent. */
export interface BatchRejection {
  index: number;
  reason: string;
}

export interface PublishedBatch {
  rejected: BatchRejection[];
}

/**
 * Where a connector's events go. `publish` resolves once every event of the batch is durably
 * accepted or refused with a reason; it rejects when the transport failed (nothing can be assumed
 * sent, and re-sending is safe because event ids make every write idempotent).
 */
export interface EventPublisher {
  publish(events: readonly EventEnvelope<object>[]): Promise<PublishedBatch>;
  close(): Promise<void>;
}

/** Injection token for apps that wire an EventPublisher through a DI container. */
export const EVENT_PUBLISHER = Symbol('EVENT_PUBLISHER');
