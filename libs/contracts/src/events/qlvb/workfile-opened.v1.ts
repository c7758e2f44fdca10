import { IsBoolean, IsString, MaxLength, MinLength } from 'class-validator';
import { defineEvent } from '../event-definition';

/** An internal work file (hồ sơ công việc) opened; not a procedure dossier. */
export class WorkFileOpenedV1 {
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  workFileId!: string;

  /** State-secret work files are excluded from the online-processing KPI. */
  @IsBoolean()
  secret!: boolean;
}

export const WorkFileOpened = defineEvent({
  type: 'qlvb.workfile.opened',
  source: 'qlvb',
  schemaVersion: 1,
  payload: WorkFileOpenedV1,
  summary: 'Hồ sơ công việc được lập / a work file was opened',
  example: {
    eventId: 'qlvb-26734-HSCV20260087-opened',
    unitCode: '26734',
    occurredAt: '2026-11-20T09:00:00+07:00',
    producedAt: '2026-11-20T09:00:04+07:00',
    payload: { workFileId: 'HSCV-2026-0087', secret: false },
  },
});
