import { IsBoolean, IsString, MaxLength, MinLength } from 'class-validator';
import { defineEvent } from '../event-definition';

/** A work file closed; `online` when it was handled end to end in the electronic workflow. */
export class WorkFileClosedV1 {
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  workFileId!: string;

  @IsBoolean()
  online!: boolean;

  @IsBoolean()
  secret!: boolean;

  /** The closing documents carry a digital signature. */
  @IsBoolean()
  signed!: boolean;
}

export const WorkFileClosed = defineEvent({
  type: 'qlvb.workfile.closed',
  source: 'qlvb',
  schemaVersion: 1,
  payload: WorkFileClosedV1,
  summary: 'Hồ sơ công việc được kết thúc / a work file was closed',
  example: {
    eventId: 'qlvb-26734-HSCV20260087-closed',
    unitCode: '26734',
    occurredAt: '2026-11-23T16:10:00+07:00',
    producedAt: '2026-11-23T16:10:02+07:00',
    payload: { workFileId: 'HSCV-2026-0087', online: true, secret: false, signed: true },
  },
});
