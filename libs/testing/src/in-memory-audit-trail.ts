import type { Provider } from '@nestjs/common';
import { AUDIT_APP, AUDIT_TRAIL, type AuditTrail } from '@libs/access';
import type { AccessAuditV1 } from '@libs/contracts';

/** The audit trail of a test without Kafka: keeps what it is given, always admits. */
export class InMemoryAuditTrail implements AuditTrail {
  readonly entries: AccessAuditV1[] = [];

  record(entry: AccessAuditV1): void {
    this.entries.push(entry);
  }

  admit(): boolean {
    return true;
  }
}

export function inMemoryAuditProviders(app: string, trail: InMemoryAuditTrail): Provider[] {
  return [
    { provide: AUDIT_TRAIL, useValue: trail },
    { provide: AUDIT_APP, useValue: app },
  ];
}
