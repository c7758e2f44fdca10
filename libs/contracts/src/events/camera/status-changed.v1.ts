import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { defineEvent } from '../event-definition';

export const CAMERA_STATUSES = ['up', 'down'] as const;
export type CameraStatus = (typeof CAMERA_STATUSES)[number];

/** A camera started or stopped delivering video; up-time is weighted by the time between changes. */
export class CameraStatusChangedV1 {
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  cameraId!: string;

  @IsIn(CAMERA_STATUSES)
  status!: CameraStatus;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  reason?: string;
}

export const CameraStatusChanged = defineEvent({
  type: 'camera.status.changed',
  source: 'camera',
  schemaVersion: 1,
  payload: CameraStatusChangedV1,
  summary: 'Camera chuyển trạng thái hoạt động / a camera went up or down',
  example: {
    eventId: 'camera-26734-CAM7600012-20261123T0614-down',
    unitCode: '26734',
    occurredAt: '2026-11-23T06:14:00+07:00',
    producedAt: '2026-11-23T06:14:30+07:00',
    payload: { cameraId: 'CAM-760-0012', status: 'down', reason: 'Mất điện khu vực' },
  },
});
