import { IsString, MaxLength, MinLength } from 'class-validator';
import { defineEvent } from '../event-definition';

/** The congestion opened with the same congestionId cleared. */
export class CongestionEndedV1 {
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  congestionId!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(64)
  cameraId!: string;
}

export const CongestionEnded = defineEvent({
  type: 'camera.congestion.ended',
  source: 'camera',
  schemaVersion: 1,
  payload: CongestionEndedV1,
  summary: 'Kết thúc ùn tắc giao thông / traffic congestion ended',
  example: {
    eventId: 'camera-26734-UT202611230007-ended',
    unitCode: '26734',
    occurredAt: '2026-11-23T18:05:00+07:00',
    producedAt: '2026-11-23T18:05:03+07:00',
    payload: { congestionId: 'UT-20261123-0007', cameraId: 'CAM-760-0012' },
  },
});
