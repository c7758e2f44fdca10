import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import type { EventDefinition } from '../events/event-definition';
import { findEventDefinition } from '../events/event-registry';
import { checkCompiled } from './compiled-validation';
import { EventEnvelope } from './event-envelope';

export const REJECT_CODES = [
  'invalid_json',
  'too_large',
  'invalid_envelope',
  'unknown_type',
  'source_mismatch',
  'invalid_payload',
  'occurred_in_future',
  'occurred_too_early',
  'storage_rejected',
  'unknown_unit',
  'too_deep',
  'too_many_keys',
  'string_too_long',
  'internal_error',
] as const;
export type RejectCode = (typeof REJECT_CODES)[number];

/** Why a record was refused, in words an operator can act on. */
export interface Rejection {
  code: RejectCode;
  reason: string;
}

export interface ValidEvent {
  /** The envelope with its canonical payload (see canonicalPayload). */
  envelope: EventEnvelope;
  definition: EventDefinition;
  occurredAt: Date;
  producedAt: Date;
}

export type EventValidation = { ok: true; event: ValidEvent } | { ok: false; rejection: Rejection };

export interface EventTimePolicy {
  now: Date;
  /** Clock skew tolerated between a source and COC Stream. */
  maxFutureSkewMs: number;
}

/** Nothing in COC Stream's scope happened before this; earlier dates are typos or epoch zeros. */
export const EARLIEST_OCCURRED_AT = new Date('2000-01-01T00:00:00Z');

const MAX_REASON_ITEMS = 5;

function flatten(errors: ValidationError[], prefix = ''): string[] {
  return errors.flatMap((e) => {
    const path = `${prefix}${e.property}`;
    const own = Object.values(e.constraints ?? {}).map((m) =>
      m.startsWith(e.property) ? `${prefix}${m}` : `${path}: ${m}`,
    );
    return [...own, ...flatten(e.children ?? [], `${path}.`)];
  });
}

function reject(code: RejectCode, reason: string): { ok: false; rejection: Rejection } {
  return { ok: false, rejection: { code, reason } };
}

function describeErrors(errors: ValidationError[], prefix = ''): string {
  const messages = flatten(errors, prefix);
  const shown = messages.slice(0, MAX_REASON_ITEMS).join('; ');
  return messages.length > MAX_REASON_ITEMS
    ? `${shown}; and ${messages.length - MAX_REASON_ITEMS} more`
    : shown;
}

const validatorOptions = { forbidUnknownValues: true, validationError: { target: false, value: false } };
/** whitelist: fields the contract does not declare are dropped from the validated payload. */
const payloadValidatorOptions = { ...validatorOptions, whitelist: true };

/**
 * What is stored and counted: the payload's declared fields only, keys in code-point order,
 * undefined left out. Fields a contract does not declare are dropped rather than refused, so a
 * producer already on a newer minor version of a contract is not turned away; but nothing the
 * validator did not see can reach a query, a breakdown, the rollup or the evaluator.
 */
export function canonicalPayload(payload: object): Record<string, unknown> {
  const entries = Object.entries(payload).filter(([, value]) => value !== undefined);
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries);
}

/** An accepted record's payload is canonical. */
type ContractCheck =
  | { ok: true; envelope: EventEnvelope; definition: EventDefinition; payload: Record<string, unknown> }
  | { ok: false; rejection: Rejection };

/** The classes themselves: the single definition, and the words of every refusal. */
export function checkWithClasses(record: object): ContractCheck {
  const envelope = plainToInstance(EventEnvelope, record);
  const envelopeErrors = validateSync(envelope, validatorOptions);
  if (envelopeErrors.length > 0) return reject('invalid_envelope', describeErrors(envelopeErrors));

  const definition = findEventDefinition(envelope.type, envelope.schemaVersion);
  if (!definition) {
    return reject(
      'unknown_type',
      `no event type ${envelope.type} at schemaVersion ${envelope.schemaVersion}`,
    );
  }
  if (definition.source !== envelope.source) {
    return reject(
      'source_mismatch',
      `type ${envelope.type} belongs to source ${definition.source}, not ${envelope.source}`,
    );
  }

  const payload = plainToInstance(definition.payload, envelope.payload);
  const payloadErrors = validateSync(payload, payloadValidatorOptions);
  if (payloadErrors.length > 0) return reject('invalid_payload', describeErrors(payloadErrors, 'payload.'));
  return { ok: true, envelope, definition, payload: canonicalPayload({ ...payload }) };
}

/** Checks an already-parsed record against the envelope, its event type's payload class and time rules. */
export function validateEvent(record: unknown, policy: EventTimePolicy): EventValidation {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) {
    return reject('invalid_envelope', 'record must be a JSON object');
  }
  // The hot path, compiled from the same classes, only ever accepts: whatever it does not accept
  // goes to class-validator, so every refusal keeps its words.
  const compiled = checkCompiled(record);
  const contract: ContractCheck =
    compiled.verdict === 'accept'
      ? { ok: true, envelope: Object.assign(new EventEnvelope(), record), ...compiled }
      : checkWithClasses(record);
  if (!contract.ok) return contract;
  const { envelope, definition, payload } = contract;

  const occurredAt = new Date(envelope.occurredAt);
  const producedAt = new Date(envelope.producedAt);
  // Compared as numbers: `<` on Date objects converts both through valueOf on every record.
  const latestMs = policy.now.getTime() + policy.maxFutureSkewMs;
  const earliestMs = EARLIEST_OCCURRED_AT.getTime();
  if (occurredAt.getTime() > latestMs) {
    return reject(
      'occurred_in_future',
      `occurredAt ${envelope.occurredAt} is later than now plus the allowed clock skew`,
    );
  }
  if (occurredAt.getTime() < earliestMs) {
    return reject(
      'occurred_too_early',
      `occurredAt ${envelope.occurredAt} is before ${EARLIEST_OCCURRED_AT.toISOString()}`,
    );
  }
  // producedAt is stored too; out of range it would wrap silently in a ClickHouse DateTime.
  if (producedAt.getTime() < earliestMs || producedAt.getTime() > latestMs) {
    return reject(
      'invalid_envelope',
      `producedAt ${envelope.producedAt} must lie between ${EARLIEST_OCCURRED_AT.toISOString()} and now plus the allowed clock skew`,
    );
  }
  return {
    ok: true,
    event: {
      envelope: Object.assign(envelope, { payload }),
      definition,
      occurredAt,
      producedAt,
    },
  };
}
