import type { Provider } from '@nestjs/common';
import { loadEnv } from '@libs/platform';
import { UnitPlansEnv } from './unit-plans.env';
import { UNIT_PLANS, parseUnitPlans } from './unit-plans';

/**
 * Which plans' targets apply to which units, read once at start-up; a bad setting stops the
 * gateway with its name. The units themselves come from ReferenceDataModule (stored or configured).
 */
export const HIERARCHY_PROVIDERS: Provider[] = [
  { provide: UNIT_PLANS, useFactory: () => parseUnitPlans(loadEnv(UnitPlansEnv).COC_UNIT_PLANS) },
];
