import { IsBoolean, IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import { defineEvent } from '../event-definition';
import { IsZonedDateTime } from '../zoned-date-time';

export const DOSSIER_OUTCOMES = ['approved', 'rejected', 'withdrawn'] as const;
export type DossierOutcome = (typeof DOSSIER_OUTCOMES)[number];

/** Processing of a dossier ended; on time when occurredAt ≤ dueAt. */
export class DossierResolvedV1 {
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  dossierId!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(32)
  procedureCode!: string;

  @IsZonedDateTime()
  dueAt!: string;

  @IsIn(DOSSIER_OUTCOMES)
  outcome!: DossierOutcome;

  /** Submitted online and processed in the system with no paper step (xử lý hoàn toàn trực tuyến). */
  @IsBoolean()
  processedFullyOnline!: boolean;

  /** Every step followed the configured e-workflow. */
  @IsBoolean()
  workflowConformant!: boolean;
}

export const DossierResolved = defineEvent({
  type: 'onestop.dossier.resolved',
  source: 'onestop',
  schemaVersion: 1,
  payload: DossierResolvedV1,
  summary: 'Hồ sơ TTHC được giải quyết xong / a procedure dossier was resolved',
  example: {
    eventId: 'onestop-26734-HS000123-resolved',
    unitCode: '26734',
    occurredAt: '2026-11-23T16:30:00+07:00',
    producedAt: '2026-11-23T16:30:01+07:00',
    payload: {
      dossierId: 'HS000123',
      procedureCode: '1.001193',
      dueAt: '2026-11-26T17:00:00+07:00',
      outcome: 'approved',
      processedFullyOnline: true,
      workflowConformant: true,
    },
  },
});
