import { IsBoolean, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { defineEvent } from '../event-definition';

/** The applicant rated how the dossier was handled (đánh giá mức độ hài lòng). */
export class DossierRatedV1 {
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  dossierId!: string;

  /** The source's own verdict, so scales other than 1..5 still count. */
  @IsBoolean()
  satisfied!: boolean;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5)
  score?: number;
}

export const DossierRated = defineEvent({
  type: 'onestop.dossier.rated',
  source: 'onestop',
  schemaVersion: 1,
  payload: DossierRatedV1,
  summary: 'Người dân đánh giá mức độ hài lòng / an applicant rated a dossier',
  example: {
    eventId: 'onestop-26734-HS000123-rated',
    unitCode: '26734',
    occurredAt: '2026-11-23T17:05:00+07:00',
    producedAt: '2026-11-23T17:05:00+07:00',
    payload: { dossierId: 'HS000123', satisfied: true, score: 5 },
  },
});
