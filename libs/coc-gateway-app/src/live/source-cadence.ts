import { SOURCE_IDS, isSourceId, isUnitCodeFormat, type SourceHealth, type SourceId } from '@libs/contracts';

/** Minutes a source may stay silent before its tiles turn stale, per unit code or '*' for all. */
export type SourceCadences = Record<string, Partial<Record<SourceId, number>>>;

/** Office systems are quiet at night and at weekends; cameras report every few minutes; reports monthly. */
export const DEFAULT_CADENCE_MINUTES: Record<SourceId, number> = {
  qlvb: 3 * 24 * 60,
  onestop: 3 * 24 * 60,
  camera: 15,
  reporting: 31 * 24 * 60,
};

/** Parses COC_SCREEN_SOURCE_CADENCE, e.g. `{"*":{"camera":10},"26734":{"onestop":120}}`. */
export function parseSourceCadences(text: string): SourceCadences {
  const fail = (problem: string): never => {
    throw new Error(`COC_SCREEN_SOURCE_CADENCE: ${problem}`);
  };
  if (!text.trim()) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return fail('is not JSON');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return fail('must be an object');
  const result: SourceCadences = {};
  for (const [unit, perSource] of Object.entries(parsed as Record<string, unknown>)) {
    if (unit !== '*' && !isUnitCodeFormat(unit)) fail(`${unit} is neither '*' nor a unit code`);
    if (!perSource || typeof perSource !== 'object') fail(`${unit} must map sources to minutes`);
    const entry: Partial<Record<SourceId, number>> = {};
    for (const [source, minutes] of Object.entries(perSource as Record<string, unknown>)) {
      if (!isSourceId(source)) fail(`${unit}: unknown source ${source} (${SOURCE_IDS.join(', ')})`);
      if (typeof minutes !== 'number' || !(minutes > 0))
        fail(`${unit}.${source} must be a positive number of minutes`);
      entry[source as SourceId] = minutes as number;
    }
    result[unit] = entry;
  }
  return result;
}

export function cadenceMinutes(cadences: SourceCadences, unitCode: string, source: SourceId): number {
  return cadences[unitCode]?.[source] ?? cadences['*']?.[source] ?? DEFAULT_CADENCE_MINUTES[source];
}

/** Each source's last event and whether it has been silent beyond its cadence at `now`. */
export function sourceHealth(
  cadences: SourceCadences,
  unitCode: string,
  lastEvents: ReadonlyMap<SourceId, Date>,
  now: Date,
): SourceHealth[] {
  return SOURCE_IDS.map((source) => {
    const minutes = cadenceMinutes(cadences, unitCode, source);
    const last = lastEvents.get(source);
    return {
      source,
      lastEventAt: last ? last.toISOString() : null,
      cadenceMinutes: minutes,
      stale: !last || now.getTime() - last.getTime() > minutes * 60_000,
    };
  });
}
