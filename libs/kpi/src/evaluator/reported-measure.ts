import { periodOfLabel, type TimeRange } from '@libs/admin-units';
import { eq, REPORTED_INDICATOR_TYPE, type ReportedFormula } from '../catalog/kpi-formula';
import { byTimeThenId, type EventIndex, type IndexedEvent } from './event-index';

export interface ChosenReport {
  eventId: string;
  period: string;
  revision: number;
  value: number;
  numerator: number | null;
  denominator: number | null;
}

interface Candidate {
  e: IndexedEvent;
  period: TimeRange;
  revision: number;
}

/**
 * Per unit: the report that stands for the range — the latest period lying inside it, and of that
 * period the highest revision (a later revision is a correction of the same figure).
 */
export function chosenReportsByUnit(
  formula: ReportedFormula,
  index: EventIndex,
  scope: ReadonlySet<string>,
  range: TimeRange,
): Map<string, ChosenReport> {
  const best = new Map<string, Candidate>();
  const filter = { type: REPORTED_INDICATOR_TYPE, where: [eq('indicatorId', formula.indicatorId)] };
  for (const e of index.matching(filter, scope)) {
    const candidate = { e, period: periodOf(e), revision: numberField(e, 'revision') };
    if (candidate.period.start < range.start || candidate.period.end > range.end) continue;
    const known = best.get(e.event.unitCode);
    if (known === undefined || later(candidate, known)) best.set(e.event.unitCode, candidate);
  }
  const chosen = new Map<string, ChosenReport>();
  for (const [unit, { e, revision }] of best) {
    chosen.set(unit, {
      eventId: e.event.eventId,
      period: String(e.event.payload.period),
      revision,
      value: numberField(e, 'value'),
      numerator: optionalNumber(e, 'numerator'),
      denominator: optionalNumber(e, 'denominator'),
    });
  }
  return chosen;
}

function later(a: Candidate, b: Candidate): boolean {
  const order: [number, number][] = [
    [a.period.end.getTime(), b.period.end.getTime()],
    [a.period.start.getTime(), b.period.start.getTime()],
    [a.revision, b.revision],
  ];
  for (const [x, y] of order) if (x !== y) return x > y;
  return byTimeThenId(a.e, b.e) > 0;
}

function periodOf(e: IndexedEvent): TimeRange {
  const label = e.event.payload.period;
  try {
    if (typeof label !== 'string') throw new RangeError('period is missing');
    return periodOfLabel(label);
  } catch (error) {
    throw new Error(`event ${e.event.eventId}: ${(error as Error).message}`);
  }
}

function numberField(e: IndexedEvent, field: string): number {
  const value = e.event.payload[field];
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new Error(`event ${e.event.eventId}: ${field} must be a number`);
  }
  return value;
}

function optionalNumber(e: IndexedEvent, field: string): number | null {
  return e.event.payload[field] === undefined || e.event.payload[field] === null
    ? null
    : numberField(e, field);
}
