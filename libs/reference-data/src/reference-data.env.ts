import { IsInt, Max, Min } from 'class-validator';
import { EnvInt } from '@libs/platform';

/** How the apps keep their reference data current (units, run-time indicators, local targets). */
export class ReferenceDataEnv {
  /** How often an app asks the store whether a new import was recorded; a change is live within this. */
  @EnvInt()
  @IsInt()
  @Min(1000)
  @Max(3_600_000)
  COC_REFERENCE_REFRESH_MS = 30_000;

  /** How long an app waits at start-up for the reference tables (ingest's migrations create them). */
  @EnvInt()
  @IsInt()
  @Min(0)
  @Max(600_000)
  COC_REFERENCE_STARTUP_WAIT_MS = 60_000;
}
