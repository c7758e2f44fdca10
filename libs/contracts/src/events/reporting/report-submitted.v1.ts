import { IsBoolean, IsString, MaxLength, MinLength } from 'class-validator';
import { defineEvent } from '../event-definition';
import { IsReportingPeriod } from './reporting-period';

/** A report was sent to the level above; on time when occurredAt ≤ the matching report.due dueAt. */
export class ReportSubmittedV1 {
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  reportId!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(32)
  regimeCode!: string;

  @IsReportingPeriod()
  period!: string;

  /** Sent through the reporting information system rather than on paper or by e-mail. */
  @IsBoolean()
  viaSystem!: boolean;

  /** The submitting agency's electronic identifier (mã định danh), e.g. 000.07.33.H29. */
  @IsString()
  @MinLength(1)
  @MaxLength(32)
  agencyCode!: string;
}

export const ReportSubmitted = defineEvent({
  type: 'reporting.report.submitted',
  source: 'reporting',
  schemaVersion: 1,
  payload: ReportSubmittedV1,
  summary: 'Báo cáo được gửi / a report was submitted',
  example: {
    eventId: 'reporting-26734-BCKTXH202611-submitted',
    unitCode: '26734',
    occurredAt: '2026-11-18T10:00:00+07:00',
    producedAt: '2026-11-18T10:00:02+07:00',
    payload: {
      reportId: 'BC-KTXH-2026-11-26734',
      regimeCode: 'KTXH-THANG',
      period: '2026-11',
      viaSystem: true,
      agencyCode: '000.07.33.H29',
    },
  },
});
