import type { HealthIndicatorFunction, HealthIndicatorService } from '@nestjs/terminus';
import { pingCheck, type HealthProbes } from '@libs/observability';
import type { LinkStatus } from './domain/link-rotation';
import type { LoopVerdict } from './domain/loop-progress';

/** What the probes read from the running level: its loops (outbox, delivery when it has an upstream). */
export interface SyncLevelState {
  loops(): LoopVerdict[];
  links(): LinkStatus[];
}

/**
 * Readiness: ClickHouse answers and the loops have started. Liveness: no loop is stuck inside a
 * step. A dead upstream link is not a liveness failure (a restart does not bring the upstream
 * back): delivery keeps completing steps that fail, and the links show in the details.
 */
export function syncProbes(
  indicators: HealthIndicatorService,
  ping: () => Promise<{ success: boolean }>,
  level: SyncLevelState,
): HealthProbes {
  return {
    ready: [pingCheck(indicators, 'clickhouse', ping), loopsStartedCheck(indicators, level)],
    live: [loopsProgressCheck(indicators, level)],
  };
}

function loopsStartedCheck(
  indicators: HealthIndicatorService,
  level: SyncLevelState,
): HealthIndicatorFunction {
  return () => {
    const check = indicators.check('loops');
    const loops = level.loops().map(({ loop, started }) => ({ loop, started }));
    return loops.every((l) => l.started) ? check.up({ loops }) : check.down({ loops });
  };
}

function loopsProgressCheck(
  indicators: HealthIndicatorService,
  level: SyncLevelState,
): HealthIndicatorFunction {
  return () => {
    const check = indicators.check('progress');
    const loops = level.loops();
    const data = { loops, links: level.links() };
    return loops.some((l) => l.stalled) ? check.down(data) : check.up(data);
  };
}
