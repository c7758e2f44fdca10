import {
  IsString,
  Matches,
  Validate,
  ValidatorConstraint,
  type ValidationArguments,
  type ValidatorConstraintInterface,
} from 'class-validator';

export const REPORTING_PERIOD_KINDS = ['year', 'half', 'quarter', 'month', 'day'] as const;
export type ReportingPeriodKind = (typeof REPORTING_PERIOD_KINDS)[number];

/** `YYYY` | `YYYY-Hn` | `YYYY-Qn` | `YYYY-MM` | `YYYY-MM-DD`; groups: year, half, quarter, month, day. */
export const PERIOD_PATTERN =
  /^([12]\d{3})(?:-H([12])|-Q([1-4])|-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?$/;

/** A reporting period as local calendar dates; `end` is exclusive so adjacent periods never overlap. */
export interface ReportingPeriod {
  kind: ReportingPeriodKind;
  start: string;
  end: string;
}

function calendarDate(year: number, monthIndex: number, day: number): Date {
  return new Date(Date.UTC(year, monthIndex, day));
}

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

function monthSpan(kind: ReportingPeriodKind, year: number, firstMonth: number, months: number) {
  return {
    kind,
    start: isoDay(calendarDate(year, firstMonth, 1)),
    end: isoDay(calendarDate(year, firstMonth + months, 1)),
  };
}

/** Parses a period string; undefined when it is malformed or names a day the calendar lacks. */
export function parseReportingPeriod(period: string): ReportingPeriod | undefined {
  const match = PERIOD_PATTERN.exec(period);
  if (!match) return undefined;
  const [, yearText, half, quarter, month, day] = match;
  const year = Number(yearText);
  if (half) return monthSpan('half', year, (Number(half) - 1) * 6, 6);
  if (quarter) return monthSpan('quarter', year, (Number(quarter) - 1) * 3, 3);
  if (!month) return monthSpan('year', year, 0, 12);
  if (!day) return monthSpan('month', year, Number(month) - 1, 1);

  const start = calendarDate(year, Number(month) - 1, Number(day));
  if (start.getUTCDate() !== Number(day)) return undefined;
  return {
    kind: 'day',
    start: isoDay(start),
    end: isoDay(calendarDate(year, Number(month) - 1, Number(day) + 1)),
  };
}

export const REPORTING_PERIOD_CONSTRAINT = 'isReportingPeriod';

/** Only the calendar check: the shape is PERIOD_PATTERN's job, so each fault gets one message. */
@ValidatorConstraint({ name: REPORTING_PERIOD_CONSTRAINT })
class ReportingPeriodCalendar implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    if (typeof value !== 'string' || !PERIOD_PATTERN.test(value)) return true;
    return parseReportingPeriod(value) !== undefined;
  }

  defaultMessage(args: ValidationArguments): string {
    return `${args.property} names a day that does not exist`;
  }
}

export function IsReportingPeriod(): PropertyDecorator {
  const rules = [
    IsString(),
    Matches(PERIOD_PATTERN, {
      message: '$property must be YYYY, YYYY-H1..2, YYYY-Q1..4, YYYY-MM or YYYY-MM-DD',
    }),
    Validate(ReportingPeriodCalendar),
  ];
  return (target, property) => rules.forEach((rule) => rule(target, property));
}
