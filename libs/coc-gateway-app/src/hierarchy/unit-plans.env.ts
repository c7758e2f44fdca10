import { IsString } from 'class-validator';
import { DEFAULT_UNIT_PLANS } from './unit-plans';

export class UnitPlansEnv {
  /** JSON: unit code (or "*") → keys of PLANS whose targets apply to it, highest priority first. */
  @IsString()
  COC_UNIT_PLANS = DEFAULT_UNIT_PLANS;
}
