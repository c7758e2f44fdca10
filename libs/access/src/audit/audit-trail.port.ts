import type { AccessAuditV1 } from '@libs/contracts';

/**
 * Where the apps record who saw what. `record` never blocks the caller: the adapter buffers and
 * produces in batches. While its buffer is full (Kafka unreachable for long), `admit` answers false
 * (and counts the refusal) and callers refuse the read (503) rather than serve figures nobody will
 * know were seen.
 */
export interface AuditTrail {
  record(entry: AccessAuditV1): void;
  admit(): boolean;
}
export const AUDIT_TRAIL = Symbol('AUDIT_TRAIL');

/** The name the app's entries carry (`coc-gateway`, `ioc-sync`). */
export const AUDIT_APP = Symbol('AUDIT_APP');
