import { AdministrativeHierarchy } from './administrative-hierarchy';
import { DEFAULT_UNIT_MAPPINGS_CSV, DEFAULT_UNITS_CSV } from './default-hierarchy';
import type { HierarchyEnv } from './hierarchy.env';
import { parseUnitMappingsCsv, parseUnitsCsv } from './units-csv';

/** Reference data that cannot be used; the message names the variable, the file and the line. */
export class InvalidReferenceDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidReferenceDataError';
  }
}

/**
 * The hierarchy the env names, or the default one. Reading is injected (the apps pass
 * readFileSync), so this stays free of I/O. Any problem stops the app at start-up.
 */
export function loadHierarchy(
  env: HierarchyEnv,
  readFile: (path: string) => string,
): AdministrativeHierarchy {
  const unitsPath = env.COC_UNITS_CSV;
  const mappingsPath = env.COC_UNIT_MAPPINGS_CSV;
  if (unitsPath === undefined) {
    if (mappingsPath !== undefined) {
      throw new InvalidReferenceDataError(
        'COC_UNIT_MAPPINGS_CSV is set without COC_UNITS_CSV: mappings refer to the units of that list',
      );
    }
    return AdministrativeHierarchy.fromCsv(DEFAULT_UNITS_CSV, DEFAULT_UNIT_MAPPINGS_CSV);
  }
  const units = within('COC_UNITS_CSV', unitsPath, () =>
    parseUnitsCsv(read(readFile, 'COC_UNITS_CSV', unitsPath)),
  );
  // Built once without mappings so a problem in the units is blamed on the units file.
  within('COC_UNITS_CSV', unitsPath, () => new AdministrativeHierarchy(units));
  if (mappingsPath === undefined) return new AdministrativeHierarchy(units);
  const mappings = within('COC_UNIT_MAPPINGS_CSV', mappingsPath, () =>
    parseUnitMappingsCsv(read(readFile, 'COC_UNIT_MAPPINGS_CSV', mappingsPath)),
  );
  return within('COC_UNIT_MAPPINGS_CSV', mappingsPath, () => new AdministrativeHierarchy(units, mappings));
}

function read(readFile: (path: string) => string, variable: string, path: string): string {
  try {
    return readFile(path);
  } catch (error) {
    throw new InvalidReferenceDataError(`${variable}: cannot read ${path}: ${(error as Error).message}`);
  }
}

function within<T>(variable: string, path: string, step: () => T): T {
  try {
    return step();
  } catch (error) {
    if (error instanceof InvalidReferenceDataError) throw error;
    throw new InvalidReferenceDataError(`${variable} (${path}): ${(error as Error).message}`);
  }
}
