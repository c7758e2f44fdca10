import { IsInt, Max, Min } from 'class-validator';
import { EnvInt } from '@libs/platform';

/** How the apps batch their audit entries to Kafka. */
export class AuditEnv {
  /** A batch is produced at least this often … */
  @EnvInt()
  @IsInt()
  @Min(10)
  @Max(60_000)
  COC_AUDIT_FLUSH_MS = 500;

  /** … or as soon as this many entries wait. */
  @EnvInt()
  @IsInt()
  @Min(1)
  @Max(10_000)
  COC_AUDIT_BATCH_MAX = 500;

  /** Entries held while Kafka is unreachable; from nine-tenths of it, reads are refused (503). */
  @EnvInt()
  @IsInt()
  @Min(100)
  @Max(1_000_000)
  COC_AUDIT_BUFFER_MAX = 50_000;

  /** How long shutdown keeps trying to produce what is buffered. */
  @EnvInt()
  @IsInt()
  @Min(0)
  @Max(60_000)
  COC_AUDIT_SHUTDOWN_FLUSH_MS = 10_000;
}
