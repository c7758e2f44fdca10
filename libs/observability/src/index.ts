export { ObservabilityModule } from './observability.module';
export { ObservabilityEnv } from './observability.env';
export { METRIC, METRIC_PROVIDERS, type MetricName } from './metrics/metric-definitions';
export { publishProgress } from './metrics/consumer-progress.metrics';
export { REDACTED_PATHS, redactUrl } from './logging/log-options';
export { useStructuredLogs } from './logging/structured-logs';
export { consumerAppProbes, consumerCheck, pingCheck, type HealthSummary } from './health/health-checks';
export { HealthController, healthProbes, type HealthProbes } from './health/health.controller';
