import { AdministrativeHierarchy, DEFAULT_UNIT_MAPPINGS_CSV, DEFAULT_UNITS_CSV } from '@libs/admin-units';

/** The libs/kpi hierarchy fixture: 26737 merges into 26734 and 26743 into 26740 on 1 July 2025. */
export const mergedHierarchy = (): AdministrativeHierarchy =>
  AdministrativeHierarchy.fromCsv(DEFAULT_UNITS_CSV, DEFAULT_UNIT_MAPPINGS_CSV);
