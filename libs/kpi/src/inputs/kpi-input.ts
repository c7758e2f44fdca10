import { createHash } from 'node:crypto';
import { KPI_CATALOG } from '../catalog/kpi-catalog';
import type { KpiDefinition } from '../catalog/kpi-definition';
import { isReferenceCount, type Condition, type EventSet, type KpiFormula } from '../catalog/kpi-formula';
import { meetsCondition } from '../catalog/meets-condition';
import type { KpiEvent } from '../evaluator/kpi-event';

/**
 * A KPI input: the entities of one event set, as the rollup keeps them. Inputs are derived from
 * the catalog's event sets (a ratio's numerator and denominator, a count's set) and from the
 * correlated sets they must also appear in (keyed by the main set's key). Correlated sets with a
 * deadline (`notAfter`) and the state formulas read the raw tables instead.
 */
export interface KpiInput {
  /** Stable and readable: the event type and a short hash of conditions, key and placement. */
  id: string;
  type: string;
  where: readonly Condition[];
  distinctBy?: string;
  placedBy?: string;
}

/** One member row: `member` belongs to input `input_id` of unit `unit_code` in the hour of `bucket`. */
export interface KpiInputRow {
  input_id: string;
  unit_code: string;
  /** Unix seconds: occurredAt, or the placedBy date-time. */
  bucket: number;
  /** payload[distinctBy], or the eventId. */
  member: string;
  event_id: string;
  /** Unix seconds. */
  occurred_at: number;
}

/** What the matcher reads of an event: a validated envelope, a scenario event, or a stored row. */
export type KpiInputEvent = Pick<KpiEvent, 'eventId' | 'type' | 'unitCode' | 'occurredAt' | 'payload'>;

function canonicalCondition(c: Condition): unknown[] {
  switch (c.op) {
    case 'equals':
    case 'not_equals':
      return [c.field, c.op, c.value];
    case 'in':
      return [c.field, c.op, [...c.values].sort((a, b) => (String(a) < String(b) ? -1 : 1))];
    case 'not_before_occurrence':
      return [c.field, c.op];
  }
}

function inputOf(
  type: string,
  where: readonly Condition[],
  distinctBy?: string,
  placedBy?: string,
): KpiInput {
  const conditions = where.map(canonicalCondition).sort((a, b) => {
    const [x, y] = [JSON.stringify(a), JSON.stringify(b)];
    return x < y ? -1 : x > y ? 1 : 0;
  });
  const canonical = JSON.stringify({
    where: conditions,
    distinctBy: distinctBy ?? null,
    placedBy: placedBy ?? null,
  });
  const hash = createHash('sha256').update(canonical).digest('hex').slice(0, 10);
  return {
    id: `${type}#${hash}`,
    type,
    where,
    ...(distinctBy === undefined ? {} : { distinctBy }),
    ...(placedBy === undefined ? {} : { placedBy }),
  };
}

/** The input holding an event set's own entities. */
export function mainInputOf(set: EventSet): KpiInput {
  return inputOf(set.type, set.where ?? [], set.distinctBy, set.placedBy);
}

/** The inputs of the sets an event set's entities must also appear in; undefined when one has a deadline. */
export function correlatedInputsOf(set: EventSet): KpiInput[] | undefined {
  const correlated = set.alsoIn ?? [];
  if (correlated.some((c) => c.notAfter !== undefined)) return undefined;
  return correlated.map((c) => inputOf(c.type, c.where ?? [], set.distinctBy));
}

function eventSetsOf(formula: KpiFormula): EventSet[] {
  switch (formula.kind) {
    case 'ratio':
      return [formula.numerator, ...(isReferenceCount(formula.denominator) ? [] : [formula.denominator])];
    case 'count':
      return [formula.of];
    case 'open_overdue':
    case 'time_weighted_up':
    case 'median_delay':
    case 'reported':
      return [];
  }
}

/** Every input the rollup keeps for these KPIs (headline formulas and further measures), each once. */
export function kpiInputsOf(definitions: readonly KpiDefinition[]): KpiInput[] {
  const byId = new Map<string, KpiInput>();
  const formulas = definitions.flatMap((d) => [d.formula, ...(d.measures ?? []).map((m) => m.formula)]);
  for (const set of formulas.flatMap(eventSetsOf)) {
    for (const input of [mainInputOf(set), ...(correlatedInputsOf(set) ?? [])]) byId.set(input.id, input);
  }
  return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
}

export const KPI_INPUTS: readonly KpiInput[] = Object.freeze(kpiInputsOf(KPI_CATALOG));

/**
 * An entity of input `mainInputId` counts only once an event of `type` with the same key
 * (payload[`key`]) exists in its unit: such an event changes the figure on the days the entity's
 * main rows are placed on, whatever day it occurred on itself (a report submitted before its due day).
 */
export interface KpiCorrelation {
  mainInputId: string;
  type: string;
  key: string;
}

/** Every correlation of these KPIs' event sets keyed by an entity field, each once. */
export function kpiCorrelationsOf(definitions: readonly KpiDefinition[]): KpiCorrelation[] {
  const byId = new Map<string, KpiCorrelation>();
  const formulas = definitions.flatMap((d) => [d.formula, ...(d.measures ?? []).map((m) => m.formula)]);
  for (const set of formulas.flatMap(eventSetsOf)) {
    if (set.distinctBy === undefined) continue;
    const mainInputId = mainInputOf(set).id;
    for (const other of set.alsoIn ?? []) {
      const correlation = { mainInputId, type: other.type, key: set.distinctBy };
      byId.set(JSON.stringify(correlation), correlation);
    }
  }
  return [...byId.values()].sort((a, b) =>
    a.mainInputId === b.mainInputId ? (a.type < b.type ? -1 : 1) : a.mainInputId < b.mainInputId ? -1 : 1,
  );
}

export const KPI_CORRELATIONS: readonly KpiCorrelation[] = Object.freeze(kpiCorrelationsOf(KPI_CATALOG));

const seconds = (ms: number) => Math.floor(ms / 1000);

/** DateTime holds 1970 … 2105; a placement outside it can never fall in a queried period. */
const LAST_STORABLE_SECOND = 4_291_747_199;

const byTypeOf = new WeakMap<readonly KpiInput[], ReadonlyMap<string, readonly KpiInput[]>>();

/** A list's inputs by event type, in list order, built once per list: ingest asks for every event. */
function inputsByType(inputs: readonly KpiInput[]): ReadonlyMap<string, readonly KpiInput[]> {
  let byType = byTypeOf.get(inputs);
  if (byType === undefined) {
    const built = new Map<string, KpiInput[]>();
    for (const input of inputs) built.set(input.type, [...(built.get(input.type) ?? []), input]);
    byTypeOf.set(inputs, (byType = built));
  }
  return byType;
}

/**
 * The member rows an event contributes to the rollup: one per input whose type and conditions it
 * matches. An event lacking the key or placement field contributes nothing to that input (its
 * contract requires the field, so this only guards the rollup against a contract change).
 */
export function kpiInputRowsOf(
  event: KpiInputEvent,
  inputs: readonly KpiInput[] = KPI_INPUTS,
): KpiInputRow[] {
  const ofType = inputsByType(inputs).get(event.type);
  if (ofType === undefined) return [];
  const occurredMs = Date.parse(event.occurredAt);
  if (Number.isNaN(occurredMs)) throw new Error(`event ${event.eventId}: occurredAt is not a date-time`);
  const occurredAt = seconds(occurredMs);
  const rows: KpiInputRow[] = [];
  for (const input of ofType) {
    if (!input.where.every((c) => meetsCondition(event.payload, occurredMs, c))) continue;
    const key = input.distinctBy === undefined ? event.eventId : event.payload[input.distinctBy];
    if (typeof key !== 'string' && typeof key !== 'number') continue;
    const placement = input.placedBy === undefined ? undefined : event.payload[input.placedBy];
    const placed =
      input.placedBy === undefined ? occurredMs : typeof placement === 'string' ? Date.parse(placement) : NaN;
    if (Number.isNaN(placed) || placed < 0 || seconds(placed) > LAST_STORABLE_SECOND) continue;
    rows.push({
      input_id: input.id,
      unit_code: event.unitCode,
      bucket: seconds(placed),
      member: String(key),
      event_id: event.eventId,
      occurred_at: occurredAt,
    });
  }
  return rows;
}

/** The fields of a raw-table row the rollup is derived from (payload as stored JSON text). */
export interface StoredEventRow {
  event_id: string;
  type: string;
  unit_code: string;
  /** Unix seconds. */
  occurred_at: number;
  payload: string;
}

/**
 * Member rows of a stored event: ingest derives them from the rows it has just written, and the
 * rebuild from the rows it reads back, so both give exactly the same rows.
 */
export function kpiInputRowsOfStored(
  row: StoredEventRow,
  inputs: readonly KpiInput[] = KPI_INPUTS,
): KpiInputRow[] {
  if (!inputs.some((input) => input.type === row.type)) return [];
  const payload = JSON.parse(row.payload) as Record<string, unknown>;
  return kpiInputRowsOf(
    {
      eventId: row.event_id,
      type: row.type,
      unitCode: row.unit_code,
      occurredAt: new Date(row.occurred_at * 1000).toISOString(),
      payload,
    },
    inputs,
  );
}
