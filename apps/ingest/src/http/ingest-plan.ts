import { validateEvent, type EventTimePolicy, type RejectCode, type Rejection } from '@libs/contracts';
import { checkUnit, type UnitDirectory } from '../pipeline/steps/check-unit.step';
import type { OutgoingEvent } from './event-publisher.port';
import { findScopeViolation, type PublishScope, type ScopeViolation } from './record-scope';
import type { ParsedItem } from './split-body';

export interface RecordResult {
  /** Position of the record in the request, from 0; blank NDJSON lines do not count. */
  index: number;
  eventId?: string;
  status: 'accepted' | 'rejected';
  code?: RejectCode;
  reason?: string;
}

/**
 * The answer to a request, sent only after Kafka acknowledged every accepted record. Sending the
 * same records again is safe: storage keeps one row per eventId, and both answers say accepted.
 */
export interface IngestResponse {
  accepted: number;
  rejected: number;
  results: RecordResult[];
}

export type BatchPlan =
  | { kind: 'forbidden'; violation: ScopeViolation }
  | { kind: 'publish'; events: OutgoingEvent[]; response: IngestResponse };

export interface PlanOptions {
  policy: EventTimePolicy;
  /** The same per-record limit the Kafka path applies (INGEST_MAX_RECORD_BYTES). */
  maxRecordBytes: number;
  units: UnitDirectory;
}

const eventIdOf = (value: unknown): string | undefined => {
  if (typeof value !== 'object' || value === null) return undefined;
  const id = (value as Record<string, unknown>).eventId;
  return typeof id === 'string' ? id : undefined;
};

export function summarize(results: RecordResult[]): IngestResponse {
  const accepted = results.filter((r) => r.status === 'accepted').length;
  return { accepted, rejected: results.length - accepted, results };
}

function rejected(index: number, rejection: Rejection, eventId?: string): RecordResult {
  return { index, ...(eventId === undefined ? {} : { eventId }), status: 'rejected', ...rejection };
}

/**
 * Decides a whole request before anything is published: refused as a whole when a record is
 * outside the key's scope, otherwise each record accepted or rejected by the same rules as the
 * Kafka path, so nothing accepted here is dead-lettered there.
 */
export function planBatch(
  items: readonly ParsedItem[],
  scope: PublishScope,
  options: PlanOptions,
): BatchPlan {
  const violation = findScopeViolation(
    items.map((item) => (item.ok ? item.value : undefined)),
    scope,
  );
  if (violation) return { kind: 'forbidden', violation };

  const events: OutgoingEvent[] = [];
  const results = items.map((item, index): RecordResult => {
    if (!item.ok) return rejected(index, item.rejection);
    const eventId = eventIdOf(item.value);
    const bytes = Buffer.byteLength(item.json, 'utf8');
    if (bytes > options.maxRecordBytes) {
      const reason = `record is ${bytes} bytes; the limit is ${options.maxRecordBytes}`;
      return rejected(index, { code: 'too_large', reason }, eventId);
    }
    const validation = validateEvent(item.value, options.policy);
    if (!validation.ok) return rejected(index, validation.rejection, eventId);
    const unit = checkUnit(validation.event, options.units);
    if (!unit.ok) return rejected(index, unit.rejection, eventId);
    const { envelope } = validation.event;
    events.push({
      source: envelope.source,
      unitCode: envelope.unitCode,
      eventId: envelope.eventId,
      json: item.json,
    });
    return { index, eventId: envelope.eventId, status: 'accepted' };
  });
  return { kind: 'publish', events, response: summarize(results) };
}
