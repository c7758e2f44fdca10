import { type EventEnvelope, isUnitCodeFormat } from '@libs/contracts';
import { simulateCameras } from './camera.simulator';
import { localDayRange } from '@libs/admin-units';
import { simulateOneStop } from './onestop.simulator';
import { simulateQlvb } from './qlvb.simulator';
import { simulateReporting } from './reporting.simulator';
import { EventCollector } from './simulation-context';

export interface SimulateCommuneOptions {
  unitCode: string;
  /** Inclusive window; `to` is clipped to `now`, so nothing lies in the future. */
  from: Date;
  to: Date;
  seed: number;
  /** Multiplies volumes (dossiers, documents, officials, cameras, households); 1 = a typical commune. */
  scale?: number;
  /** The clock; only tests set it. */
  now?: Date;
}

/**
 * A realistic, reproducible stream of one commune's events from all four source systems, in time
 * order. Pure: the same options give the same events, and a shorter window gives a prefix of a
 * longer one with the same start, because every day draws from its own seeded stream.
 */
export function simulateCommune(options: SimulateCommuneOptions): EventEnvelope[] {
  const { unitCode, from, to, seed } = options;
  const scale = options.scale ?? 1;
  if (!isUnitCodeFormat(unitCode))
    throw new RangeError(`unitCode must be 2, 3 or 5 digits (got ${unitCode})`);
  if (!Number.isInteger(seed)) throw new RangeError('seed must be an integer');
  if (!(scale > 0 && scale <= 100)) throw new RangeError('scale must be above 0 and at most 100');
  const nowMs = (options.now ?? new Date()).getTime();
  const fromMs = from.getTime();
  const toMs = Math.min(to.getTime(), nowMs);
  if (Number.isNaN(fromMs) || Number.isNaN(toMs)) throw new RangeError('from and to must be valid dates');
  if (fromMs > toMs) return [];

  const collector = new EventCollector({ unitCode, seed, fromMs, toMs, nowMs });
  const ctx = collector.context(scale);
  simulateCameras(ctx);
  simulateOneStop(ctx);
  simulateQlvb(ctx);
  simulateReporting(ctx);
  return collector.events();
}

function parseBound(value: string, endOfDay: boolean): Date {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const { start, end } = localDayRange(value);
    return endOfDay ? new Date(end.getTime() - 1000) : start;
  }
  if (!/(Z|[+-]\d{2}:\d{2})$/.test(value) || Number.isNaN(Date.parse(value))) {
    throw new RangeError(`expected a local date (YYYY-MM-DD) or an ISO date-time with zone, got ${value}`);
  }
  return new Date(value);
}

/**
 * The window for `--from`/`--to`: a bare date is a local (UTC+7) calendar day, from its first
 * second to its last, both included; a date-time with zone is taken as it is.
 */
export function simulationWindow(from: string, to: string): { from: Date; to: Date } {
  const window = { from: parseBound(from, false), to: parseBound(to, true) };
  if (window.from > window.to) throw new RangeError(`from (${from}) is after to (${to})`);
  return window;
}
