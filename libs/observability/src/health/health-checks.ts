import { ServiceUnavailableException } from '@nestjs/common';
import type {
  HealthCheckResult,
  HealthCheckService,
  HealthIndicatorFunction,
  HealthIndicatorService,
} from '@nestjs/terminus';
import type { ConsumerHealth, ConsumerProgressMonitor } from '@libs/event-bus-port';
import type { HealthProbes } from './health.controller';

/** What an anonymous caller learns: up or down, nothing about the inside. */
export interface HealthSummary {
  status: 'up' | 'down';
}

/**
 * Runs the checks; 200 when all are up, else 503. Callers allowed to see details get terminus's
 * full answer (per check: status and data), others only up or down.
 */
export async function answerHealth(
  health: HealthCheckService,
  checks: HealthIndicatorFunction[],
  detailed: boolean,
): Promise<HealthCheckResult | HealthSummary> {
  try {
    const result = await health.check(checks);
    return detailed ? result : { status: 'up' };
  } catch (error) {
    if (!(error instanceof ServiceUnavailableException)) throw error;
    if (detailed) throw error;
    throw new ServiceUnavailableException({ status: 'down' } satisfies HealthSummary);
  }
}

/** Liveness: the group advances wherever it has lag (see ConsumerProgressTracker). */
export function progressCheck(
  indicators: HealthIndicatorService,
  key: string,
  monitor: ConsumerProgressMonitor,
): HealthIndicatorFunction {
  return () => {
    const check = indicators.check(key);
    const verdict = monitor.verdict();
    // Before the first sample nothing is known to be stuck: starting is not a reason to restart.
    if (!verdict) return check.up({ sampled: false });
    const lag = verdict.partitions.reduce((sum, p) => sum + p.lag, 0);
    return verdict.healthy ? check.up({ lag }) : check.down({ lag, stalled: verdict.stalled });
  };
}

/** Readiness of a consumer: joined its group and not retrying a failing batch. */
export function consumerCheck(
  indicators: HealthIndicatorService,
  key: string,
  health: () => ConsumerHealth,
): HealthIndicatorFunction {
  return () => {
    const check = indicators.check(key);
    const { state, ...rest } = health();
    const data = { state, ...rest };
    return state === 'consuming' ? check.up(data) : check.down(data);
  };
}

/** Readiness of a store: it answers now, within `timeoutMs` (a hung server must not hang the probe). */
export function pingCheck(
  indicators: HealthIndicatorService,
  key: string,
  ping: () => Promise<{ success: boolean }>,
  timeoutMs = 3000,
): HealthIndicatorFunction {
  return async () => {
    const check = indicators.check(key);
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    try {
      const answer = await Promise.race([ping(), timedOut]);
      if (answer === 'timeout') return check.down({ message: `no answer within ${timeoutMs} ms` });
      return answer.success ? check.up() : check.down();
    } finally {
      clearTimeout(timer);
    }
  };
}

/** A group consumer with its readiness and the monitor of its group's progress. */
export interface WatchedConsumer {
  health(): ConsumerHealth;
  readonly progress: ConsumerProgressMonitor;
}

/**
 * The probes of an app that consumes a topic beside ClickHouse (ingest, coc-gateway). Readiness:
 * ClickHouse answers and the consumer (`key`) is in its group; liveness: the group advances
 * wherever it has lag.
 */
export function consumerAppProbes(
  indicators: HealthIndicatorService,
  ping: () => Promise<{ success: boolean }>,
  key: string,
  consumer: WatchedConsumer,
): HealthProbes {
  return {
    ready: [
      pingCheck(indicators, 'clickhouse', ping),
      consumerCheck(indicators, key, () => consumer.health()),
    ],
    live: [progressCheck(indicators, 'progress', consumer.progress)],
  };
}
