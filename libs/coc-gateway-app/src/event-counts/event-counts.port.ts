import type { TimeRange } from '@libs/admin-units';

export interface EventTypeCount {
  type: string;
  count: number;
}

/** How many distinct events of one type a unit had on one local day (operators' check, not a KPI). */
export interface DailyEventCount {
  unitCode: string;
  type: string;
  date: string;
  count: number;
  asOf: string;
}

/** Distinct events of a unit in a time range, per event type. */
export interface EventCounts {
  countByType(unitCode: string, range: TimeRange, types?: readonly string[]): Promise<EventTypeCount[]>;
}
export const EVENT_COUNTS = Symbol('EVENT_COUNTS');
