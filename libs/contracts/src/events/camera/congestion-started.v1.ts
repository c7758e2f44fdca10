import { IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import { defineEvent } from '../event-definition';

export const CONGESTION_LEVELS = ['slow', 'heavy', 'standstill'] as const;
export type CongestionLevel = (typeof CONGESTION_LEVELS)[number];

/** Traffic congestion (ùn tắc) began at a camera; paired with camera.congestion.ended by congestionId. */
export class CongestionStartedV1 {
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  congestionId!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(64)
  cameraId!: string;

  @IsIn(CONGESTION_LEVELS)
  level!: CongestionLevel;
}

export const CongestionStarted = defineEvent({
  type: 'camera.congestion.started',
  source: 'camera',
  schemaVersion: 1,
  payload: CongestionStartedV1,
  summary: 'Bắt đầu ùn tắc giao thông / traffic congestion started',
  example: {
    eventId: 'camera-26734-UT202611230007-started',
    unitCode: '26734',
    occurredAt: '2026-11-23T17:20:00+07:00',
    producedAt: '2026-11-23T17:20:04+07:00',
    payload: { congestionId: 'UT-20261123-0007', cameraId: 'CAM-760-0012', level: 'heavy' },
  },
});
