import { IsBoolean, IsIn, IsISO8601, IsOptional, IsString, MaxLength } from 'class-validator';
import { defineEvent } from '../event-definition';

export const DOSSIER_CHANNELS = ['online', 'counter', 'postal'] as const;
export type DossierChannel = (typeof DOSSIER_CHANNELS)[number];

/** A procedure dossier (hồ sơ TTHC) accepted by the one-stop desk or the public-service portal. */
export class DossierReceivedV1 {
  @IsString()
  @MaxLength(64)
  dossierId!: string;

  @IsString()
  @MaxLength(32)
  procedureCode!: string;

  @IsIn(DOSSIER_CHANNELS)
  channel!: DossierChannel;

  /** Handled on the province's central electronic one-stop system (not a local tool). */
  @IsBoolean()
  onCentralOneStop!: boolean;

  @IsISO8601({ strict: true })
  dueAt!: string;

  @IsOptional()
  @IsBoolean()
  eidAuthenticated?: boolean;
}

export const DossierReceived = defineEvent({
  type: 'onestop.dossier.received',
  source: 'onestop',
  schemaVersion: 1,
  payload: DossierReceivedV1,
  summary: 'Hồ sơ TTHC được tiếp nhận / a procedure dossier was received',
  example: {
    eventId: 'onestop-26734-HS000123-received',
    unitCode: '26734',
    occurredAt: '2026-11-23T08:15:00+07:00',
    producedAt: '2026-11-23T08:15:02+07:00',
    payload: {
      dossierId: 'HS000123',
      procedureCode: '1.001234',
      channel: 'online',
      onCentralOneStop: true,
      dueAt: '2026-11-26T17:00:00+07:00',
      eidAuthenticated: true,
    },
  },
});
