import type { EventSet } from '../catalog/kpi-formula';
import { dateField, entityKey, keyOf, type EventIndex } from './event-index';

/** A half-open span of epoch milliseconds. */
export interface Window {
  start: number;
  end: number;
}

/** The distinct entities of an event set placed in the window, per unit. */
export function entitiesByUnit(
  set: EventSet,
  index: EventIndex,
  scope: ReadonlySet<string>,
  window: Window,
): Map<string, Set<string>> {
  const keyField = set.distinctBy;
  const correlated = (set.alsoIn ?? []).map((other) => {
    // The earliest occurrence answers both "appears at all" and "appears by the deadline".
    const earliest = new Map<string, number>();
    for (const e of index.matching(other, scope)) {
      const k = entityKey(e.event.unitCode, keyOf(e.event, keyField ?? ''));
      const known = earliest.get(k);
      if (known === undefined || e.at < known) earliest.set(k, e.at);
    }
    return { other, earliest };
  });

  const result = new Map<string, Set<string>>();
  for (const e of index.matching(set, scope)) {
    const placedAt = set.placedBy ? dateField(e.event, set.placedBy) : e.at;
    if (placedAt < window.start || placedAt >= window.end) continue;
    const key = keyField ? keyOf(e.event, keyField) : e.event.eventId;
    const unit = e.event.unitCode;
    const inAll = correlated.every(({ other, earliest }) => {
      const first = earliest.get(entityKey(unit, key));
      if (first === undefined) return false;
      return other.notAfter === undefined || first <= dateField(e.event, other.notAfter);
    });
    if (!inAll) continue;
    const keys = result.get(unit) ?? new Set<string>();
    keys.add(key);
    result.set(unit, keys);
  }
  return result;
}
