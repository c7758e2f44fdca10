import { parseAccessAudit, type AccessAuditV1 } from '@libs/contracts';
import type { IncomingRecord, RejectedRecord } from '../pipeline/ingest-record';

/** One row of access_audit (migration 0021), DateTimes as Unix seconds. */
export interface AccessAuditRow {
  unit_code: string;
  at: number;
  id: string;
  app: string;
  channel: string;
  principal_id: string;
  role: string;
  scope: string[];
  address: string;
  action: string;
  unit_codes: string[];
  kpi_ids: string[];
  period_name: string;
  period_from: string;
  period_to: string;
  as_of: string;
  outcome: string;
  status: number;
  detail: string;
  stored_at: number;
}

const seconds = (instant: Date) => Math.floor(instant.getTime() / 1000);

export function auditRowOf(entry: AccessAuditV1, storedAt: Date): AccessAuditRow {
  return {
    unit_code: entry.unitCodes[0] ?? '',
    at: seconds(new Date(entry.at)),
    id: entry.id,
    app: entry.app,
    channel: entry.channel,
    principal_id: entry.principalId,
    role: entry.role,
    scope: entry.scope,
    address: entry.address,
    action: entry.action,
    unit_codes: entry.unitCodes,
    kpi_ids: entry.kpiIds,
    period_name: entry.periodName,
    period_from: entry.periodFrom,
    period_to: entry.periodTo,
    as_of: entry.asOf,
    outcome: entry.outcome,
    status: entry.status,
    detail: entry.detail,
    stored_at: seconds(storedAt),
  };
}

/** The rows of a batch of audit records, and the records that are not audit entries (for the DLQ). */
export function decideAuditRecords(
  records: readonly IncomingRecord[],
  storedAt: Date,
): { rows: AccessAuditRow[]; rejects: RejectedRecord[] } {
  const rows: AccessAuditRow[] = [];
  const rejects: RejectedRecord[] = [];
  for (const record of records) {
    const parsed = parseAccessAudit(record.value);
    if (parsed.ok) {
      rows.push(auditRowOf(parsed.value, storedAt));
      continue;
    }
    rejects.push({
      origin: { topic: record.topic, partition: record.partition, offset: record.offset },
      key: record.key,
      value: record.value,
      rejection: { code: 'invalid_payload', reason: `not an access audit entry: ${parsed.reason}` },
    });
  }
  return { rows, rejects };
}
