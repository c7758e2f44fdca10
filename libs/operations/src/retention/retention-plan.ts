import { localMonthRange } from '@libs/admin-units';

/** Days each kind of data is kept; 0 keeps it for ever. */
export interface RetentionPolicy {
  rawEventsDays: number;
  rollupDays: number;
  rejectsDays: number;
  /** The access audit trail (`access_audit`). */
  auditDays: number;
}

/** Raw events, rollups and the audit trail are partitioned by local month (toYYYYMM); the rejects table is not partitioned. */
export type RetainedKind = 'raw' | 'rollup' | 'audit';

export interface MonthPartition {
  table: string;
  kind: RetainedKind;
  /** The partition id, YYYYMM. */
  partition: string;
}

const DAY_MS = 86_400_000;

/** The instant before which data of this kind may go, or undefined when it is kept for ever. */
export function retentionCutoff(days: number, now: Date): Date | undefined {
  return days > 0 ? new Date(now.getTime() - days * DAY_MS) : undefined;
}

const DAYS_OF: Record<RetainedKind, keyof RetentionPolicy> = {
  raw: 'rawEventsDays',
  rollup: 'rollupDays',
  audit: 'auditDays',
};

const daysOf = (kind: RetainedKind, policy: RetentionPolicy) => policy[DAYS_OF[kind]];

/**
 * The month partitions to drop: only those whose whole local month ended at or before the cutoff,
 * so nothing younger than the limit is ever dropped (a month straddling it is kept whole).
 */
export function partitionsToDrop(
  partitions: readonly MonthPartition[],
  policy: RetentionPolicy,
  now: Date,
): MonthPartition[] {
  return partitions.filter((p) => {
    const cutoff = retentionCutoff(daysOf(p.kind, policy), now);
    if (!cutoff || !/^\d{6}$/.test(p.partition)) return false;
    const month = `${p.partition.slice(0, 4)}-${p.partition.slice(4)}`;
    return localMonthRange(month).end.getTime() <= cutoff.getTime();
  });
}
