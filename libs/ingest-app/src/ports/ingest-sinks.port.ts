import type { KpiInputsChanged, SourceId } from '@libs/contracts';
import type { KpiInputRow } from '@libs/kpi';
import type { AccessAuditRow } from '../audit/audit-rows';
import type { RejectedRecord } from '../pipeline/ingest-record';
import type { RawEventRow } from '../pipeline/steps/to-raw-event-row.step';

/** Durable storage of facts and rejects. Resolves only once the store acknowledged the write. */
export interface EventStore {
  insertEvents(source: SourceId, rows: RawEventRow[]): Promise<void>;
  insertRejects(rejects: RejectedRecord[]): Promise<void>;
  /** Member rows of the KPI rollup (kpi_input_members), written with the raw rows they come from. */
  insertKpiInputs(rows: KpiInputRow[]): Promise<void>;
}
export const EVENT_STORE = Symbol('EVENT_STORE');

/** Rows of the access audit trail; a repeated entry id collapses on merge. */
export interface AuditStore {
  insertAuditRows(rows: AccessAuditRow[]): Promise<void>;
}
export const AUDIT_STORE = Symbol('AUDIT_STORE');

/** Sends refused records to `<topic>.dlq`, where their source system's operators can see them. */
export interface DeadLetterPublisher {
  publish(rejects: RejectedRecord[]): Promise<void>;
}
export const DEAD_LETTER_PUBLISHER = Symbol('DEAD_LETTER_PUBLISHER');

/** Tells KPI consumers which units and periods have new facts. */
export interface ChangeAnnouncer {
  announce(changes: KpiInputsChanged[]): Promise<void>;
}
export const CHANGE_ANNOUNCER = Symbol('CHANGE_ANNOUNCER');
