import { partitionsToDrop, type MonthPartition, type RetentionPolicy } from './retention-plan';

const raw = (partition: string): MonthPartition => ({ table: 'onestop_events', kind: 'raw', partition });
const rollup = (partition: string): MonthPartition => ({
  table: 'kpi_input_hourly',
  kind: 'rollup',
  partition,
});
const policy: RetentionPolicy = { rawEventsDays: 365, rollupDays: 3650, rejectsDays: 90, auditDays: 730 };

describe(partitionsToDrop.name, () => {
  // 2026-12-01 10:00 local; 365 days earlier is 2025-12-01 10:00 local.
  const now = new Date('2026-12-01T03:00:00Z');

  it('drops raw months that ended before the cutoff and keeps the month straddling it', () => {
    const drop = partitionsToDrop([raw('202410'), raw('202511'), raw('202512'), raw('202612')], policy, now);
    expect(drop.map((p) => p.partition)).toEqual(['202410', '202511']);
  });

  it('keeps a month until its last instant is older than the limit, to the second', () => {
    // November 2025 ends at 2025-12-01 00:00 local (2025-11-30T17:00Z); 365 days later it may go.
    expect(partitionsToDrop([raw('202511')], policy, new Date('2026-11-30T16:59:59Z'))).toEqual([]);
    expect(partitionsToDrop([raw('202511')], policy, new Date('2026-11-30T17:00:00Z'))).toEqual([
      raw('202511'),
    ]);
  });

  it('keeps rollups for their own, longer limit', () => {
    expect(partitionsToDrop([rollup('202410'), rollup('201611')], policy, now)).toEqual([rollup('201611')]);
  });

  it('keeps the audit trail for its own limit', () => {
    const audit = (partition: string): MonthPartition => ({
      table: 'access_audit',
      kind: 'audit',
      partition,
    });
    expect(partitionsToDrop([audit('202411'), audit('202412'), audit('202611')], policy, now)).toEqual([
      audit('202411'),
    ]);
  });

  it('keeps everything of a kind whose limit is 0 (for ever), and anything not a month', () => {
    const forever = { ...policy, rawEventsDays: 0 };
    expect(partitionsToDrop([raw('200001'), raw('all')], forever, now)).toEqual([]);
    expect(partitionsToDrop([raw('all')], policy, now)).toEqual([]);
  });
});
