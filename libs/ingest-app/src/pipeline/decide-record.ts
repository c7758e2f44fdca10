import {
  checkStructure,
  validateEvent,
  type EventTimePolicy,
  type RejectCode,
  type Rejection,
  type SourceId,
  type StructuralLimits,
  type ValidEvent,
} from '@libs/contracts';
import { kpiInputRowsOf, type KpiInputRow } from '@libs/kpi';
import { checkUnit, type UnitDirectory } from './steps/check-unit.step';
import { toRawEventRow, type RawEventRow } from './steps/to-raw-event-row.step';

export interface RecordPolicy extends EventTimePolicy {
  maxRecordBytes: number;
  limits: StructuralLimits;
  /** The administrative units events may belong to, by date. */
  units: UnitDirectory;
}

/**
 * A record as it arrives: the bytes of a Kafka value, or a value a body parser already parsed
 * (with the byte length of its text when known).
 */
export type RecordInput =
  { kind: 'bytes'; bytes: Buffer | null } | { kind: 'value'; value: unknown; bytes?: number };

export interface AcceptedRecord {
  event: ValidEvent;
  /** The validated envelope as JSON, canonical payload included: what the HTTP path publishes. */
  readonly json: string;
  row: RawEventRow;
  kpiInputs: KpiInputRow[];
}

/** What a refused record said it was, when it got far enough to say (for the logs and the HTTP answer). */
export interface RecordIdentity {
  eventId?: string;
  unitCode?: string;
}

export type RecordDecision =
  { ok: true; accepted: AcceptedRecord } | ({ ok: false; rejection: Rejection } & RecordIdentity);

/**
 * The one decision about a record, for the Kafka and the HTTP paths alike: limits, parse,
 * structure, contract, source, unit, then the stored row and its KPI inputs. Every step runs
 * inside this boundary, so whatever one record makes a step throw becomes that record's
 * `internal_error` reject, never a failed batch: only infrastructure failures retry a batch.
 */
export function decideRecord(
  input: RecordInput,
  policy: RecordPolicy,
  topicSource?: SourceId,
): RecordDecision {
  const seen: Parsed = {};
  try {
    return decide(input, policy, seen, topicSource);
  } catch (error) {
    const reason =
      error instanceof Error ? `${error.constructor.name}: ${error.message}` : `thrown: ${String(error)}`;
    return refuse('internal_error', reason.slice(0, 1000), identityOf(seen));
  }
}

function refuse(code: RejectCode, reason: string, identity: RecordIdentity = {}): RecordDecision {
  return { ok: false, rejection: { code, reason }, ...identity };
}

/** A short string field of an object not yet validated; anything else is no identity. */
function fieldOf(value: unknown, name: 'eventId' | 'unitCode', maxLength: number): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const field = (value as Record<string, unknown>)[name];
  return typeof field === 'string' && field.length <= maxLength ? field : undefined;
}

/** The record's parsed value once parsing succeeded: its identity is read only if it is refused. */
interface Parsed {
  value?: unknown;
}

function identityOf({ value }: Parsed): RecordIdentity {
  const eventId = fieldOf(value, 'eventId', 128);
  const unitCode = fieldOf(value, 'unitCode', 16);
  return { ...(eventId === undefined ? {} : { eventId }), ...(unitCode === undefined ? {} : { unitCode }) };
}

function parse(input: RecordInput, maxBytes: number): { value: unknown; bytes?: number } | RecordDecision {
  if (input.kind === 'value') return input;
  const { bytes } = input;
  if (bytes === null || bytes.length === 0) return refuse('invalid_json', 'empty message value');
  if (bytes.length > maxBytes) {
    return refuse('too_large', `message is ${bytes.length} bytes; the limit is ${maxBytes}`);
  }
  try {
    return { value: JSON.parse(bytes.toString('utf8')) as unknown, bytes: bytes.length };
  } catch (error) {
    return refuse('invalid_json', `not JSON: ${(error as Error).message}`);
  }
}

function decide(
  input: RecordInput,
  policy: RecordPolicy,
  seen: Parsed,
  topicSource?: SourceId,
): RecordDecision {
  const parsed = parse(input, policy.maxRecordBytes);
  if ('ok' in parsed) return parsed;
  seen.value = parsed.value;
  const breach = checkStructure(parsed.value, policy.limits);
  if (breach) return refuse(breach.code, breach.reason, identityOf(seen));
  const bytes = parsed.bytes ?? Buffer.byteLength(JSON.stringify(parsed.value), 'utf8');
  if (bytes > policy.maxRecordBytes) {
    const reason = `record is ${bytes} bytes; the limit is ${policy.maxRecordBytes}`;
    return refuse('too_large', reason, identityOf(seen));
  }

  const validation = validateEvent(parsed.value, policy);
  if (!validation.ok) return refuse(validation.rejection.code, validation.rejection.reason, identityOf(seen));
  const { event } = validation;
  const { envelope } = event;
  if (topicSource !== undefined && envelope.source !== topicSource) {
    const reason = `a ${envelope.source} event was published on the ${topicSource} topic`;
    return refuse('source_mismatch', reason, identityOf(seen));
  }
  const unit = checkUnit(event, policy.units);
  if (!unit.ok) return refuse(unit.rejection.code, unit.rejection.reason, identityOf(seen));

  const canonical = {
    eventId: envelope.eventId,
    source: envelope.source,
    type: envelope.type,
    unitCode: envelope.unitCode,
    occurredAt: envelope.occurredAt,
    producedAt: envelope.producedAt,
    schemaVersion: envelope.schemaVersion,
    payload: envelope.payload,
  };
  return {
    ok: true,
    accepted: {
      event,
      // Only the HTTP path publishes it: the Kafka path never pays for the second serialisation.
      get json() {
        return JSON.stringify(canonical);
      },
      row: toRawEventRow(event, policy.now),
      // From the validated event itself, exactly as the rebuild derives them from the stored row.
      kpiInputs: kpiInputRowsOf(canonical),
    },
  };
}
