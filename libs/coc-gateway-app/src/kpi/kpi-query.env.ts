import { IsInt, Max, Min } from 'class-validator';
import { EnvInt } from '@libs/platform';
import { DEFAULT_MAX_PERIOD_DAYS } from './period-request';

export class KpiQueryEnv {
  /** Longest span (days) a KPI query or series may cover; longer ones get 400 with the reason. */
  @EnvInt()
  @IsInt()
  @Min(31)
  @Max(3_660)
  COC_KPI_MAX_PERIOD_DAYS = DEFAULT_MAX_PERIOD_DAYS;
}
