import { IsIn, IsInt, IsOptional, IsString, Min } from 'class-validator';
import { EnvInt } from '@libs/platform';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'] as const;

export class ObservabilityEnv {
  @IsIn(LOG_LEVELS)
  LOG_LEVEL: (typeof LOG_LEVELS)[number] = 'info';

  /** json in production (one object per line); pretty for a developer's terminal. */
  @IsIn(['json', 'pretty'])
  LOG_FORMAT: 'json' | 'pretty' = 'json';

  /**
   * The `app` field of every log line; unset, the app's own name. coc-embedded sets it: its three apps share
   * the process's one logger, so the `context` field tells them apart.
   */
  @IsOptional()
  @IsString()
  LOG_APP_NAME?: string;

  /** How often consumer progress (committed offsets against the log end) is sampled. */
  @EnvInt()
  @IsInt()
  @Min(200)
  CONSUMER_PROGRESS_POLL_MS = 10_000;

  /** A consumer whose committed offsets stay put this long while it has lag is reported stalled. */
  @EnvInt()
  @IsInt()
  @Min(1000)
  CONSUMER_STALL_AFTER_MS = 120_000;
}
