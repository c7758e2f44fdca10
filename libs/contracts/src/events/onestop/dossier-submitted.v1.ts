import { IsBoolean, IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import { defineEvent } from '../event-definition';
import { DOSSIER_CHANNELS, type DossierChannel } from './dossier-received.v1';

/** A citizen or business filed a procedure dossier, before the desk accepts it. */
export class DossierSubmittedV1 {
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  dossierId!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(32)
  procedureCode!: string;

  @IsIn(DOSSIER_CHANNELS)
  channel!: DossierChannel;

  /** The submitter signed in with the national e-ID (VNeID level 2). */
  @IsBoolean()
  eidAuthenticated!: boolean;
}

export const DossierSubmitted = defineEvent({
  type: 'onestop.dossier.submitted',
  source: 'onestop',
  schemaVersion: 1,
  payload: DossierSubmittedV1,
  summary: 'Hồ sơ TTHC được nộp / a procedure dossier was submitted',
  example: {
    eventId: 'onestop-26734-HS000123-submitted',
    unitCode: '26734',
    occurredAt: '2026-11-23T07:52:00+07:00',
    producedAt: '2026-11-23T07:52:01+07:00',
    payload: { dossierId: 'HS000123', procedureCode: '1.001193', channel: 'online', eidAuthenticated: true },
  },
});
