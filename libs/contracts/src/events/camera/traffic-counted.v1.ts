import { IsInt, IsNumber, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { defineEvent } from '../event-definition';

/** Vehicles that passed a camera during the interval ending at occurredAt. */
export class TrafficCountedV1 {
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  cameraId!: string;

  /** Up to one day, so a count always belongs to a bounded window. */
  @IsInt()
  @Min(1)
  @Max(86_400)
  intervalSeconds!: number;

  @IsInt()
  @Min(0)
  vehicles!: number;

  @IsOptional()
  @IsNumber()
  @Min(0)
  averageSpeedKmh?: number;
}

export const TrafficCounted = defineEvent({
  type: 'camera.traffic.counted',
  source: 'camera',
  schemaVersion: 1,
  payload: TrafficCountedV1,
  summary: 'Lưu lượng phương tiện qua camera / vehicles counted by a camera',
  example: {
    eventId: 'camera-26734-CAM7600012-20261123T1730-count',
    unitCode: '26734',
    occurredAt: '2026-11-23T17:35:00+07:00',
    producedAt: '2026-11-23T17:35:02+07:00',
    payload: { cameraId: 'CAM-760-0012', intervalSeconds: 300, vehicles: 412, averageSpeedKmh: 14.5 },
  },
});
