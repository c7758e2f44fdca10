import { startApp, type AppProcess } from '@libs/testing';
import type { BenchHierarchy } from './bench-hierarchy';

/** Screens the fan-out gateway admits: one per commune of Vietnam, and room to spare. */
const MAX_SCREENS = 3_321 + 100;

/**
 * The built gateway as the fan-out measurements run it: the bench's map of units, its own topics and
 * database, admission opened wide enough to connect every screen quickly.
 */
export function startFanOutGateway(
  id: string,
  map: BenchHierarchy,
  /** The access variables of its keys (accessEnvFor). */
  accessEnv: Record<string, string>,
  nodeArgs: string[],
): Promise<AppProcess> {
  return startApp(
    'coc-gateway',
    {
      ...accessEnv,
      COC_UNITS_CSV: map.unitsCsv,
      KAFKA_TOPIC_PREFIX: `${id}.`,
      CLICKHOUSE_DATABASE: id,
      COC_GATEWAY_INSTANCE_ID: id,
      COC_SCREEN_MAX_CONNECTIONS: String(MAX_SCREENS),
      COC_SCREEN_ADMIT_PER_SECOND: '500',
      COC_SCREEN_ADMIT_BURST: '500',
    },
    undefined,
    { nodeArgs },
  );
}
