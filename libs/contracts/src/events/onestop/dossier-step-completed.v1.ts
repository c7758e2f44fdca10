import { IsBoolean, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { defineEvent } from '../event-definition';

/** One step of a dossier's processing finished (tiếp nhận, thẩm định, phê duyệt, ...). */
export class DossierStepCompletedV1 {
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  dossierId!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(64)
  stepId!: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  stepName?: string;

  /** The step is the next one in the procedure's configured e-workflow (not skipped, not off-system). */
  @IsBoolean()
  conformsToConfiguredWorkflow!: boolean;
}

export const DossierStepCompleted = defineEvent({
  type: 'onestop.dossier-step.completed',
  source: 'onestop',
  schemaVersion: 1,
  payload: DossierStepCompletedV1,
  summary: 'Hoàn thành một bước xử lý hồ sơ / a dossier workflow step was completed',
  example: {
    eventId: 'onestop-26734-HS000123-step-TD02',
    unitCode: '26734',
    occurredAt: '2026-11-23T14:00:00+07:00',
    producedAt: '2026-11-23T14:00:02+07:00',
    payload: {
      dossierId: 'HS000123',
      stepId: 'TD-02',
      stepName: 'Thẩm định hồ sơ',
      conformsToConfiguredWorkflow: true,
    },
  },
});
