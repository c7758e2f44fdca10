import {
  IsInt,
  Min,
  Validate,
  ValidatorConstraint,
  type ValidationArguments,
  type ValidatorConstraintInterface,
} from 'class-validator';
import { EnvInt } from '@libs/platform';
import type { RetentionPolicy } from './retention-plan';

@ValidatorConstraint({ name: 'rollupsOutliveRawEvents' })
class RollupsOutliveRawEvents implements ValidatorConstraintInterface {
  validate(rollupDays: number, { object }: ValidationArguments): boolean {
    const raw = (object as RetentionEnv).RETENTION_RAW_EVENTS_DAYS;
    return rollupDays === 0 || (raw > 0 && rollupDays >= raw);
  }

  defaultMessage(): string {
    return 'RETENTION_ROLLUP_DAYS must be 0 (for ever) or at least RETENTION_RAW_EVENTS_DAYS (rollups are kept longer than raw events)';
  }
}

/** The policy these settings describe. */
export function retentionPolicyOf(env: RetentionEnv): RetentionPolicy {
  return {
    rawEventsDays: env.RETENTION_RAW_EVENTS_DAYS,
    rollupDays: env.RETENTION_ROLLUP_DAYS,
    rejectsDays: env.RETENTION_REJECTS_DAYS,
    auditDays: env.RETENTION_AUDIT_DAYS,
  };
}

/** How long ClickHouse keeps each kind of data (18.16 has no TTL: ingest's housekeeping drops it). */
export class RetentionEnv {
  /** Raw events (`<source>_events`), dropped by whole local month; 0 keeps them for ever. */
  @EnvInt()
  @IsInt()
  @Min(0)
  RETENTION_RAW_EVENTS_DAYS = 0;

  /** Rollups (hourly counts, KPI input sets); 0 keeps them for ever, else at least the raw events' days. */
  @EnvInt()
  @IsInt()
  @Min(0)
  @Validate(RollupsOutliveRawEvents)
  RETENTION_ROLLUP_DAYS = 0;

  /** Refused records (`ingest_rejects`); the DLQ topic has its own Kafka retention. */
  @EnvInt()
  @IsInt()
  @Min(0)
  RETENTION_REJECTS_DAYS = 90;

  /** Who saw what (`access_audit`), dropped by whole local month; 0 keeps it for ever. */
  @EnvInt()
  @IsInt()
  @Min(0)
  RETENTION_AUDIT_DAYS = 0;

  @EnvInt()
  @IsInt()
  @Min(60_000)
  RETENTION_INTERVAL_MS = 21_600_000;
}
