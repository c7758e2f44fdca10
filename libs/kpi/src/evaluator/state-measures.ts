import type { MedianDelayFormula, OpenOverdueFormula, TimeWeightedUpFormula } from '../catalog/kpi-formula';
import { byTimeThenId, dateField, entityKey, keyOf, type EventIndex, type IndexedEvent } from './event-index';
import type { Window } from './event-set-measure';

/** Per unit: entities opened, not closed and past due at `instant`. */
export function openOverdueByUnit(
  formula: OpenOverdueFormula,
  index: EventIndex,
  scope: ReadonlySet<string>,
  instant: number,
): Map<string, number> {
  const keyFor = (e: IndexedEvent): string =>
    entityKey(e.event.unitCode, JSON.stringify(formula.key.map((field) => keyOf(e.event, field))));
  const latestOpening = new Map<string, IndexedEvent>();
  for (const e of index.matching(formula.opened, scope)) {
    if (e.at >= instant) continue;
    const k = keyFor(e);
    const known = latestOpening.get(k);
    if (known === undefined || byTimeThenId(known, e) < 0) latestOpening.set(k, e);
  }
  const closed = new Set<string>();
  for (const e of index.matching(formula.closed, scope)) if (e.at < instant) closed.add(keyFor(e));

  const counts = new Map<string, number>();
  for (const [k, opening] of latestOpening) {
    if (closed.has(k) || dateField(opening.event, formula.dueField) >= instant) continue;
    counts.set(opening.event.unitCode, (counts.get(opening.event.unitCode) ?? 0) + 1);
  }
  return counts;
}

export interface UpTime {
  upSeconds: number;
  registeredSeconds: number;
}

/** Per unit: seconds up and seconds registered, summed over its entities, within the window. */
export function timeWeightedUpByUnit(
  formula: TimeWeightedUpFormula,
  index: EventIndex,
  scope: ReadonlySet<string>,
  window: Window,
): Map<string, UpTime> {
  const registeredAt = new Map<string, { unit: string; at: number }>();
  for (const e of index.matching(formula.registered, scope)) {
    const k = entityKey(e.event.unitCode, keyOf(e.event, formula.key));
    const known = registeredAt.get(k);
    if (known === undefined || e.at < known.at) registeredAt.set(k, { unit: e.event.unitCode, at: e.at });
  }
  const statuses = new Map<string, IndexedEvent[]>();
  for (const e of index.matching(formula.status, scope)) {
    const k = entityKey(e.event.unitCode, keyOf(e.event, formula.key));
    pushTo(statuses, k, e);
  }

  const result = new Map<string, UpTime>();
  for (const [k, registration] of registeredAt) {
    const from = Math.max(window.start, registration.at);
    const to = window.end;
    if (from >= to) continue;
    let up = false;
    let since = from;
    let upMs = 0;
    for (const e of (statuses.get(k) ?? []).sort(byTimeThenId)) {
      if (e.at >= to) break;
      const isUp = e.event.payload[formula.statusField] === formula.upValue;
      if (e.at > from && up) upMs += e.at - since;
      since = Math.max(e.at, from);
      up = isUp;
    }
    if (up) upMs += to - since;
    const totals = result.get(registration.unit) ?? { upSeconds: 0, registeredSeconds: 0 };
    totals.upSeconds += upMs / 1000;
    totals.registeredSeconds += (to - from) / 1000;
    result.set(registration.unit, totals);
  }
  return result;
}

/** Per unit: minutes from each entity's first start (placed in the window) to its first end after it. */
export function delaySamplesByUnit(
  formula: MedianDelayFormula,
  index: EventIndex,
  scope: ReadonlySet<string>,
  window: Window,
): Map<string, number[]> {
  const firstStart = new Map<string, IndexedEvent>();
  for (const e of index.matching(formula.start, scope)) {
    const k = entityKey(e.event.unitCode, keyOf(e.event, formula.key));
    const known = firstStart.get(k);
    if (known === undefined || byTimeThenId(e, known) < 0) firstStart.set(k, e);
  }
  const ends = new Map<string, number[]>();
  for (const e of index.matching(formula.end, scope)) {
    const k = entityKey(e.event.unitCode, keyOf(e.event, formula.key));
    pushTo(ends, k, e.at);
  }

  const samples = new Map<string, number[]>();
  for (const [k, start] of firstStart) {
    if (start.at < window.start || start.at >= window.end) continue;
    const endAt = (ends.get(k) ?? []).filter((at) => at >= start.at).sort((a, b) => a - b)[0];
    if (endAt === undefined) continue;
    const unit = start.event.unitCode;
    pushTo(samples, unit, (endAt - start.at) / 60_000);
  }
  return samples;
}

/** The middle value; for an even count, the mean of the two middle values. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function pushTo<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
