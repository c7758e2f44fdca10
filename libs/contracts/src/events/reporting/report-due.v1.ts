import { IsString, MaxLength, MinLength } from 'class-validator';
import { defineEvent } from '../event-definition';
import { IsZonedDateTime } from '../zoned-date-time';
import { IsReportingPeriod } from './reporting-period';

/** A periodic report under a reporting regime (chế độ báo cáo) became owed by the unit. */
export class ReportDueV1 {
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

  @IsZonedDateTime()
  dueAt!: string;
}

export const ReportDue = defineEvent({
  type: 'reporting.report.due',
  source: 'reporting',
  schemaVersion: 1,
  payload: ReportDueV1,
  summary: 'Báo cáo đến kỳ phải gửi / a report fell due',
  example: {
    eventId: 'reporting-26734-BCKTXH202611-due',
    unitCode: '26734',
    occurredAt: '2026-11-01T00:00:00+07:00',
    producedAt: '2026-11-01T00:00:05+07:00',
    payload: {
      reportId: 'BC-KTXH-2026-11-26734',
      regimeCode: 'KTXH-THANG',
      period: '2026-11',
      dueAt: '2026-11-20T17:00:00+07:00',
    },
  },
});
