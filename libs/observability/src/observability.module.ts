import { Global, Module, type DynamicModule } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { PrometheusModule } from '@willsoto/nestjs-prometheus';
import { LoggerModule } from 'nestjs-pino';
import { collectDefaultMetrics, register } from 'prom-client';
import { loadEnv } from '@libs/platform';
import { logOptions } from './logging/log-options';
import { METRIC_PROVIDERS } from './metrics/metric-definitions';
import { MetricsController } from './metrics/metrics.controller';
import { ObservabilityEnv } from './observability.env';

/** Process metrics (CPU, memory, event loop) once per process, whatever number of apps it hosts (tests). */
function collectProcessMetrics(): void {
  if (!register.getSingleMetric('process_cpu_user_seconds_total')) collectDefaultMetrics();
}

/**
 * What every app gets: JSON logs with request ids (nestjs-pino), /metrics (prom-client) with the
 * COC Stream metrics injectable by name, and terminus for the app's health controller.
 */
@Global()
@Module({})
export class ObservabilityModule {
  static forApp(app: string): DynamicModule {
    collectProcessMetrics();
    return {
      module: ObservabilityModule,
      imports: [
        LoggerModule.forRootAsync({ useFactory: () => logOptions(app, loadEnv(ObservabilityEnv)) }),
        PrometheusModule.register({
          controller: MetricsController,
          defaultMetrics: { enabled: false },
          defaultLabels: { app },
        }),
        TerminusModule,
      ],
      providers: [
        { provide: ObservabilityEnv, useFactory: () => loadEnv(ObservabilityEnv) },
        ...METRIC_PROVIDERS,
      ],
      exports: [ObservabilityEnv, TerminusModule, ...METRIC_PROVIDERS],
    };
  }
}
