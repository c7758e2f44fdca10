import type { INestApplication, Provider } from '@nestjs/common';
import { loadEnv } from '@libs/platform';
import { AUDIT_APP, AUDIT_TRAIL, type AuditTrail } from './audit-trail.port';
import { AuditEnv } from './audit.env';
import { auditHttp } from './http-audit.middleware';
import { KafkaAuditTrail } from './kafka-audit-trail';

/** The audit trail of an app that serves reads: spread into its root module's providers. */
export function auditProviders(app: string): Provider[] {
  return [
    { provide: AuditEnv, useFactory: () => loadEnv(AuditEnv) },
    { provide: AUDIT_APP, useValue: app },
    KafkaAuditTrail,
    { provide: AUDIT_TRAIL, useExisting: KafkaAuditTrail },
  ];
}

/** Installs the HTTP audit before any other middleware, so it sees every refusal. */
export function useAuditTrail<A extends INestApplication>(app: A): A {
  app.use(auditHttp(app.get<AuditTrail>(AUDIT_TRAIL), app.get<string>(AUDIT_APP)));
  return app;
}
