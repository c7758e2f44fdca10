import { IsInt, Max, Min } from 'class-validator';
import { DataDirectoryEnv, EnvInt } from '@libs/platform';

/** The embedded event bus, used when KAFKA_BROKERS is unset. */
export class EmbeddedBusEnv extends DataDirectoryEnv {
  /**
   * Size at which a topic's log file is closed and a new one started; a commune's tens of thousands
   * of events a day make some 30 MB.
   */
  @EnvInt()
  @IsInt()
  @Min(1024 * 1024)
  COC_BUS_SEGMENT_BYTES = 67_108_864;

  /** Closed log files older than this are deleted (the events themselves are kept by the store). */
  @EnvInt()
  @IsInt()
  @Min(1)
  @Max(24 * 365 * 10)
  COC_BUS_RETENTION_HOURS = 168;
}
