import type { RejectCode, Rejection } from '@libs/contracts';
import { decideRecord, type RecordPolicy } from '../pipeline/decide-record';
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

export function summarize(results: RecordResult[]): IngestResponse {
  const accepted = results.filter((r) => r.status === 'accepted').length;
  return { accepted, rejected: results.length - accepted, results };
}

function rejected(index: number, rejection: Rejection, eventId?: string): RecordResult {
  return { index, ...(eventId === undefined ? {} : { eventId }), status: 'rejected', ...rejection };
}

/**
 * Decides a whole request before anything is published: refused as a whole when a record is
 * outside the key's scope, otherwise each record accepted or rejected by the record decision the
 * Kafka path makes too, so nothing accepted here is dead-lettered there.
 */
export function planBatch(
  items: readonly ParsedItem[],
  scope: PublishScope,
  policy: RecordPolicy,
): BatchPlan {
  const violation = findScopeViolation(
    items.map((item) => (item.ok ? item.value : undefined)),
    scope,
  );
  if (violation) return { kind: 'forbidden', violation };

  const events: OutgoingEvent[] = [];
  const results = items.map((item, index): RecordResult => {
    if (!item.ok) return rejected(index, item.rejection);
    const decision = decideRecord({ kind: 'value', value: item.value, bytes: item.bytes }, policy);
    if (!decision.ok) return rejected(index, decision.rejection, decision.eventId);
    const { envelope } = decision.accepted.event;
    events.push({
      source: envelope.source,
      unitCode: envelope.unitCode,
      eventId: envelope.eventId,
      json: decision.accepted.json,
    });
    return { index, eventId: envelope.eventId, status: 'accepted' };
  });
  return { kind: 'publish', events, response: summarize(results) };
}
