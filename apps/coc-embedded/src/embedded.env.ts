import { IsInt, Matches, Max, Min } from 'class-validator';
import { DataDirectoryEnv, EnvBool, EnvInt } from '@libs/platform';

/** What the one-process commune COC adds to the three apps' own settings. */
export class EmbeddedEnv extends DataDirectoryEnv {
  /** The commune the demo traffic simulates and the printed wall-screen address shows. */
  @Matches(/^\d{5}$/, { message: 'COC_DEMO_UNIT_CODE must be a 5-digit commune code' })
  COC_DEMO_UNIT_CODE = '26734';

  /** Simulate the demo commune's source systems in real time (off: only what connectors publish). */
  @EnvBool()
  COC_DEMO_TRAFFIC = true;

  /** Days of simulated history published on the first start, so trends and monthly figures are not empty. */
  @EnvInt()
  @IsInt()
  @Min(0)
  @Max(366)
  COC_DEMO_HISTORY_DAYS = 28;

  /** How often the demo publishes the events that happened since its last publish. */
  @EnvInt()
  @IsInt()
  @Min(200)
  COC_DEMO_TICK_MS = 2_000;
}
