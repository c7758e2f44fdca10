import { localDatesIn, localDayRange } from '@libs/admin-units';
import type { KpiMode } from '@libs/kpi';
/** The (unit, local day) pairs one outbox batch touched. */
export interface BatchChanges {
  seq: number;
  changes: readonly { unitCode: string; date: string }[];
}

/**
 * One list of the first `maxBatches` batches out of several partial views of them (e.g. the days
 * the events occurred on, and the days their KPI inputs were placed on): each batch's changes are
 * the union of its views, each pair once. A batch missing from the first `maxBatches` of every view
 * cannot be among the first `maxBatches` of the union, so each view needs reading only that far.
 */
export function unionOfBatchChanges(
  views: readonly (readonly BatchChanges[])[],
  maxBatches: number,
): BatchChanges[] {
  const bySeq = new Map<number, Map<string, { unitCode: string; date: string }>>();
  for (const batch of views.flat()) {
    const changes = bySeq.get(batch.seq) ?? new Map<string, { unitCode: string; date: string }>();
    for (const change of batch.changes) changes.set(`${change.unitCode}|${change.date}`, change);
    bySeq.set(batch.seq, changes);
  }
  return [...bySeq.entries()]
    .sort(([a], [b]) => a - b)
    .slice(0, maxBatches)
    .map(([seq, changes]) => ({ seq, changes: [...changes.values()] }));
}

export interface ChangePage {
  changes: { unitCode: string; date: string }[];
  /** Give it back as `since` for the next page; equal to `since` when nothing changed. */
  cursor: number;
}

/**
 * One page of "changes since": whole batches in sequence order until at least `limit` pairs are
 * collected (a batch is never split, so the cursor is always a batch boundary), each pair once.
 */
export function changePageOf(batches: readonly BatchChanges[], since: number, limit: number): ChangePage {
  const seen = new Map<string, { unitCode: string; date: string }>();
  let cursor = since;
  for (const batch of [...batches].sort((a, b) => a.seq - b.seq)) {
    if (batch.seq <= cursor) continue;
    if (seen.size >= limit) break;
    for (const change of batch.changes) seen.set(`${change.unitCode}|${change.date}`, change);
    cursor = batch.seq;
  }
  const changes = [...seen.values()].sort((a, b) =>
    a.date === b.date ? (a.unitCode < b.unitCode ? -1 : 1) : a.date < b.date ? -1 : 1,
  );
  return { changes, cursor };
}

/**
 * The (unit, day) pairs whose figures the changed pairs can move for a KPI of `mode`. An event KPI's
 * day is moved only by what changed on it. A state KPI (open and overdue, availability) is the
 * state at each day's end, and a reported figure is the report standing that day: a change on day D
 * moves every day from D through `lastDay` as well.
 */
export function daysMoved(
  changes: readonly { unitCode: string; date: string }[],
  mode: KpiMode,
  lastDay: string,
): { unitCode: string; date: string }[] {
  if (mode === 'event') return [...changes];
  const moved = new Map(changes.map((c) => [`${c.unitCode}|${c.date}`, c]));
  const earliest = new Map<string, string>();
  for (const { unitCode, date } of changes) {
    const known = earliest.get(unitCode);
    if (known === undefined || date < known) earliest.set(unitCode, date);
  }
  for (const [unitCode, first] of earliest) {
    if (first > lastDay) continue;
    const range = { start: localDayRange(first).start, end: localDayRange(lastDay).end };
    for (const date of localDatesIn(range)) moved.set(`${unitCode}|${date}`, { unitCode, date });
  }
  return [...moved.values()];
}

/** The (unit, day) pairs as each day with its units, days in order: one KPI measurement per day. */
export function unitsByDay(
  pairs: readonly { unitCode: string; date: string }[],
): { date: string; unitCodes: string[] }[] {
  const byDay = new Map<string, Set<string>>();
  for (const { unitCode, date } of pairs) byDay.set(date, (byDay.get(date) ?? new Set()).add(unitCode));
  return [...byDay.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([date, units]) => ({ date, unitCodes: [...units].sort() }));
}
