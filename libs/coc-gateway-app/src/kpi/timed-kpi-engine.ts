import type { Histogram } from 'prom-client';
import type { KpiEngine } from '@libs/kpi-store';

/** The KPI engine with each query's duration observed, by operation (evaluate, evaluate_each, evaluate_many_each, breakdown). */
export class TimedKpiEngine implements KpiEngine {
  constructor(
    private readonly engine: KpiEngine,
    private readonly seconds: Histogram,
  ) {}

  async evaluate(...args: Parameters<KpiEngine['evaluate']>): ReturnType<KpiEngine['evaluate']> {
    const end = this.seconds.startTimer({ operation: 'evaluate' });
    try {
      return await this.engine.evaluate(...args);
    } finally {
      end();
    }
  }

  async evaluateEach(...args: Parameters<KpiEngine['evaluateEach']>): ReturnType<KpiEngine['evaluateEach']> {
    const end = this.seconds.startTimer({ operation: 'evaluate_each' });
    try {
      return await this.engine.evaluateEach(...args);
    } finally {
      end();
    }
  }

  async evaluateManyEach(
    ...args: Parameters<KpiEngine['evaluateManyEach']>
  ): ReturnType<KpiEngine['evaluateManyEach']> {
    const end = this.seconds.startTimer({ operation: 'evaluate_many_each' });
    try {
      return await this.engine.evaluateManyEach(...args);
    } finally {
      end();
    }
  }

  async breakdown(...args: Parameters<KpiEngine['breakdown']>): ReturnType<KpiEngine['breakdown']> {
    const end = this.seconds.startTimer({ operation: 'breakdown' });
    try {
      return await this.engine.breakdown(...args);
    } finally {
      end();
    }
  }
}
