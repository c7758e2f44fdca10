import type { SourceId } from '@libs/contracts';
import type { EventFilter } from '../catalog/kpi-formula';
import { meetsCondition } from '../catalog/meets-condition';
import type { KpiEvent } from './kpi-event';

export interface IndexedEvent {
  event: KpiEvent;
  /** occurredAt in epoch milliseconds. */
  at: number;
}

/**
 * The events known at `asOf` (occurredAt < asOf), each eventId once (the first delivery wins), by
 * type. Every measure reads events through this, so duplicates and future events never count.
 */
export class EventIndex {
  private readonly byType = new Map<string, IndexedEvent[]>();
  private readonly sourcesByUnit = new Map<string, Set<SourceId>>();

  constructor(events: readonly KpiEvent[], asOf: Date) {
    const seen = new Set<string>();
    for (const event of events) {
      if (seen.has(event.eventId)) continue;
      seen.add(event.eventId);
      const at = Date.parse(event.occurredAt);
      if (Number.isNaN(at)) throw new Error(`event ${event.eventId}: occurredAt is not a date-time`);
      if (at >= asOf.getTime()) continue;
      const list = this.byType.get(event.type) ?? [];
      list.push({ event, at });
      this.byType.set(event.type, list);
      const sources = this.sourcesByUnit.get(event.unitCode) ?? new Set<SourceId>();
      sources.add(event.source);
      this.sourcesByUnit.set(event.unitCode, sources);
    }
  }

  /** Known events of a filter's type that meet its conditions, in units of the scope. */
  matching(filter: EventFilter, scope: ReadonlySet<string>): IndexedEvent[] {
    return (this.byType.get(filter.type) ?? []).filter(
      (e) =>
        scope.has(e.event.unitCode) &&
        (filter.where ?? []).every((c) => meetsCondition(e.event.payload, e.at, c)),
    );
  }

  /** Whether a unit has sent anything from these sources: "no feed" is not the same as zero. */
  hasFeed(unitCode: string, sources: readonly SourceId[]): boolean {
    const fed = this.sourcesByUnit.get(unitCode);
    return fed !== undefined && sources.some((source) => fed.has(source));
  }
}

/** The entity key a payload field names. A counted event without it breaks its contract. */
export function keyOf(event: KpiEvent, field: string): string {
  const value = event.payload[field];
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  throw new Error(`event ${event.eventId} (${event.type}): key field ${field} is missing`);
}

/** A payload date-time in epoch milliseconds. */
export function dateField(event: KpiEvent, field: string): number {
  const value = event.payload[field];
  const date = typeof value === 'string' ? Date.parse(value) : NaN;
  if (Number.isNaN(date))
    throw new Error(`event ${event.eventId} (${event.type}): ${field} is not a date-time`);
  return date;
}

/** Orders events by time, then eventId, so "latest" and "first" are the same on every run. */
export function byTimeThenId(a: IndexedEvent, b: IndexedEvent): number {
  if (a.at !== b.at) return a.at - b.at;
  return a.event.eventId < b.event.eventId ? -1 : a.event.eventId > b.event.eventId ? 1 : 0;
}

/** Entities are scoped to their unit: (unit, key) never collides across units. */
export function entityKey(unitCode: string, key: string): string {
  return `${unitCode}\u0000${key}`;
}
