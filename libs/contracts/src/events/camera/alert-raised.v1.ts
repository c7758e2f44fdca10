import { IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import { defineEvent } from '../event-definition';

export const CAMERA_ALERT_TYPES = [
  'intrusion',
  'crowd',
  'fire_smoke',
  'traffic_violation',
  'wrong_way',
  'accident',
  'other',
] as const;
export type CameraAlertType = (typeof CAMERA_ALERT_TYPES)[number];

export const ALERT_SEVERITIES = ['info', 'warning', 'critical'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

/** Video analytics on an AI camera raised an alert for the operations centre. */
export class CameraAlertRaisedV1 {
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  alertId!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(64)
  cameraId!: string;

  @IsIn(CAMERA_ALERT_TYPES)
  alertType!: CameraAlertType;

  @IsIn(ALERT_SEVERITIES)
  severity!: AlertSeverity;
}

export const CameraAlertRaised = defineEvent({
  type: 'camera.alert.raised',
  source: 'camera',
  schemaVersion: 1,
  payload: CameraAlertRaisedV1,
  summary: 'Camera AI phát cảnh báo / an AI camera raised an alert',
  example: {
    eventId: 'camera-26734-AL202611230042-raised',
    unitCode: '26734',
    occurredAt: '2026-11-23T21:47:10+07:00',
    producedAt: '2026-11-23T21:47:11+07:00',
    payload: {
      alertId: 'AL-20261123-0042',
      cameraId: 'CAM-760-0012',
      alertType: 'fire_smoke',
      severity: 'critical',
    },
  },
});
