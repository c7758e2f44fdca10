export { RetentionEnv, retentionPolicyOf } from './retention/retention.env';
export {
  partitionsToDrop,
  retentionCutoff,
  type MonthPartition,
  type RetentionPolicy,
} from './retention/retention-plan';
export { RETAINED_TABLES, applyRetention, type RetentionReport } from './retention/apply-retention';
export {
  backupDatabase,
  restoreDatabase,
  type BackedUpTable,
  type BackupManifest,
  type BackupPaths,
} from './backup/clickhouse-backup';
export { BackupEnv } from './backup/backup.env';
