import { IsString, MaxLength, MinLength } from 'class-validator';
import { defineEvent } from '../event-definition';

/** An operator took charge of a camera alert; time to acknowledge is measured from the raise. */
export class CameraAlertAcknowledgedV1 {
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  alertId!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(64)
  cameraId!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(64)
  acknowledgedBy!: string;
}

export const CameraAlertAcknowledged = defineEvent({
  type: 'camera.alert.acknowledged',
  source: 'camera',
  schemaVersion: 1,
  payload: CameraAlertAcknowledgedV1,
  summary: 'Cảnh báo camera được tiếp nhận xử lý / a camera alert was acknowledged',
  example: {
    eventId: 'camera-26734-AL202611230042-ack',
    unitCode: '26734',
    occurredAt: '2026-11-23T21:48:40+07:00',
    producedAt: '2026-11-23T21:48:41+07:00',
    payload: { alertId: 'AL-20261123-0042', cameraId: 'CAM-760-0012', acknowledgedBy: 'CB-0107' },
  },
});
