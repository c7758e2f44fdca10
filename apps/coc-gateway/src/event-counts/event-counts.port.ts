import type { TimeRange } from '@libs/admin-units';

export interface EventTypeCount {
  type: string;
  count: number;
}

/** Distinct events of a unit in a time range, per event type. */
export interface EventCounts {
  countByType(unitCode: string, range: TimeRange, types?: readonly string[]): Promise<EventTypeCount[]>;
}
export const EVENT_COUNTS = Symbol('EVENT_COUNTS');
