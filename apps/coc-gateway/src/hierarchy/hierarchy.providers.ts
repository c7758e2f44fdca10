import { Logger, type Provider } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { AdministrativeHierarchy, HierarchyEnv, loadHierarchy } from '@libs/admin-units';
import { loadEnv } from '@libs/platform';
import { UnitPlansEnv } from './unit-plans.env';
import { UNIT_PLANS, parseUnitPlans } from './unit-plans';

/** Reference data read once at start-up; a bad file or setting stops the gateway with its name. */
export const HIERARCHY_PROVIDERS: Provider[] = [
  {
    provide: AdministrativeHierarchy,
    useFactory: () => {
      const env = loadEnv(HierarchyEnv);
      const hierarchy = loadHierarchy(env, (path) => readFileSync(path, 'utf8'));
      new Logger('Hierarchy').log(
        `administrative units from ${env.COC_UNITS_CSV ?? 'the compiled-in default'}`,
      );
      return hierarchy;
    },
  },
  { provide: UNIT_PLANS, useFactory: () => parseUnitPlans(loadEnv(UnitPlansEnv).COC_UNIT_PLANS) },
];
