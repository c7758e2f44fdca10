import { IsBoolean, IsIn, IsNumber, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { defineEvent } from '../event-definition';

/** Class of the road the camera watches; `none` for squares, markets, offices. */
export const ROAD_CLASSES = ['national', 'provincial', 'district', 'commune', 'none'] as const;
export type RoadClass = (typeof ROAD_CLASSES)[number];

/** A camera joined the commune's camera inventory, or its registration details changed. */
export class CameraRegisteredV1 {
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  cameraId!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @IsNumber()
  @Min(-90)
  @Max(90)
  latitude!: number;

  @IsNumber()
  @Min(-180)
  @Max(180)
  longitude!: number;

  /** Runs on-device or server-side video analytics and may raise alerts. */
  @IsBoolean()
  ai!: boolean;

  @IsIn(ROAD_CLASSES)
  roadClass!: RoadClass;

  /** Watches a key point (điểm trọng điểm) named in the security plan. */
  @IsBoolean()
  keyPoint!: boolean;
}

export const CameraRegistered = defineEvent({
  type: 'camera.device.registered',
  source: 'camera',
  schemaVersion: 1,
  payload: CameraRegisteredV1,
  summary: 'Camera được đăng ký vào hệ thống / a camera was registered',
  example: {
    eventId: 'camera-26734-CAM7600012-registered',
    unitCode: '26734',
    occurredAt: '2026-11-01T09:00:00+07:00',
    producedAt: '2026-11-01T09:00:00+07:00',
    payload: {
      cameraId: 'CAM-760-0012',
      name: 'Ngã tư Hai Bà Trưng – Trần Quang Khải',
      latitude: 10.79066,
      longitude: 106.68954,
      ai: true,
      roadClass: 'provincial',
      keyPoint: true,
    },
  },
});
