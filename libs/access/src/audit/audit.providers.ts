import type { INestApplication, Provider } from '@nestjs/common';
import { getToken } from '@willsoto/nestjs-prometheus';
import type { Counter, Gauge } from 'prom-client';
import { EVENT_BUS, type EventBus } from '@libs/event-bus-port';
import { METRIC } from '@libs/observability';
import { loadEnv } from '@libs/platform';
import { AUDIT_APP, AUDIT_TRAIL, type AuditTrail } from './audit-trail.port';
import { AuditEnv } from './audit.env';
import { auditHttp } from './http-audit.middleware';
import { BusAuditTrail } from './bus-audit-trail';

/** The audit trail of an app that serves reads: spread into its root module's providers. */
export function auditProviders(app: string): Provider[] {
  return [
    { provide: AuditEnv, useFactory: () => loadEnv(AuditEnv) },
    { provide: AUDIT_APP, useValue: app },
    {
      // A factory, not decorators: @libs/observability imports this lib, so METRIC is read only once both are loaded.
      provide: BusAuditTrail,
      useFactory: (
        bus: EventBus,
        env: AuditEnv,
        buffered: Gauge,
        produced: Counter,
        failures: Counter,
        lost: Counter,
        refused: Counter,
      ) => new BusAuditTrail(bus, env, { buffered, produced, failures, lost, refused }),
      inject: [
        EVENT_BUS,
        AuditEnv,
        getToken(METRIC.auditBuffered.name),
        getToken(METRIC.auditProduced.name),
        getToken(METRIC.auditProduceFailures.name),
        getToken(METRIC.auditLost.name),
        getToken(METRIC.auditRefused.name),
      ],
    },
    { provide: AUDIT_TRAIL, useExisting: BusAuditTrail },
  ];
}

/** Installs the HTTP audit before any other middleware, so it sees every refusal. */
export function useAuditTrail<A extends INestApplication>(app: A): A {
  app.use(auditHttp(app.get<AuditTrail>(AUDIT_TRAIL), app.get<string>(AUDIT_APP)));
  return app;
}
