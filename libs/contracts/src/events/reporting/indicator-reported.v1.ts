import {
  IsInt,
  IsNumber,
  IsOptional,
  IsPositive,
  IsString,
  Matches,
  MaxLength,
  Min,
  MinLength,
  Validate,
  ValidatorConstraint,
  type ValidationArguments,
  type ValidatorConstraintInterface,
} from 'class-validator';
import { defineEvent } from '../event-definition';
import { IsReportingPeriod } from './reporting-period';

/** KPI ids are snake_case, e.g. households_fibre_coverage_pct. */
export const INDICATOR_ID_PATTERN = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;

/** Reported percentages are rounded at the source; two decimals leave up to 0.005 of rounding. */
export const RATIO_TOLERANCE = 0.01;

export const VALUE_MATCHES_RATIO_CONSTRAINT = 'valueMatchesRatio';

/** What a ratio's N / D is multiplied by when the report does not say: a percentage. */
export const DEFAULT_RATIO_SCALE = 100;

interface RatioParts {
  numerator?: unknown;
  denominator?: unknown;
  scale?: unknown;
}

// an invalid scale is the field rule's to refuse; the ratio is then checked as a percentage
const scaleOf = ({ scale }: RatioParts): number =>
  isFiniteNumber(scale) && scale > 0 ? scale : DEFAULT_RATIO_SCALE;

const isFiniteNumber = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
const isGiven = (x: unknown) => x !== undefined && x !== null;

/**
 * Rollups add numerators and denominators, never percentages, so both must travel together and
 * agree with the value the source displays. Type and range faults are left to the field rules.
 */
@ValidatorConstraint({ name: VALUE_MATCHES_RATIO_CONSTRAINT })
class ValueMatchesRatio implements ValidatorConstraintInterface {
  validate(value: unknown, args: ValidationArguments): boolean {
    const parts = args.object as RatioParts;
    const { numerator, denominator } = parts;
    if (isGiven(numerator) !== isGiven(denominator)) return false;
    if (!isFiniteNumber(value) || !isFiniteNumber(numerator) || !isFiniteNumber(denominator)) return true;
    if (denominator <= 0) return true;
    return Math.abs(value - (scaleOf(parts) * numerator) / denominator) <= RATIO_TOLERANCE + 1e-9;
  }

  defaultMessage(args: ValidationArguments): string {
    const parts = args.object as RatioParts;
    const { numerator, denominator } = parts;
    if (isGiven(numerator) !== isGiven(denominator))
      return 'numerator and denominator must be given together';
    const scale = scaleOf(parts);
    const expected = (scale * Number(numerator)) / Number(denominator);
    return `${args.property} must equal ${scale} × numerator / denominator = ${expected.toFixed(4)} (±${RATIO_TOLERANCE})`;
  }
}

/** A periodic figure for an indicator, from telecoms, banks, VNPost, health or statistics. */
export class IndicatorReportedV1 {
  @IsString()
  @MaxLength(64)
  @Matches(INDICATOR_ID_PATTERN, {
    message: '$property must be snake_case, e.g. households_fibre_coverage_pct',
  })
  indicatorId!: string;

  @IsReportingPeriod()
  period!: string;

  /** scale × numerator / denominator when those are given: for a percentage (scale 100), 0..100. */
  @IsNumber()
  @Validate(ValueMatchesRatio)
  value!: number;

  @IsOptional()
  @IsNumber()
  @Min(0)
  numerator?: number;

  @IsOptional()
  @IsNumber()
  @IsPositive()
  denominator?: number;

  /**
   * What numerator / denominator is multiplied by to give value: 100 for a percentage (the default),
   * 1 for a figure per head (total income / residents), 1000 for a rate per thousand.
   */
  @IsOptional()
  @IsNumber()
  @IsPositive()
  scale?: number;

  /** Who measured it: the telecom, bank, VNPost office or statistics office. */
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  dataSource!: string;

  /** A higher revision of the same indicator, unit and period replaces the earlier one. */
  @IsInt()
  @Min(1)
  revision!: number;
}

export const IndicatorReported = defineEvent({
  type: 'reporting.indicator.reported',
  source: 'reporting',
  schemaVersion: 1,
  payload: IndicatorReportedV1,
  summary: 'Số liệu chỉ tiêu được báo cáo / an indicator figure was reported',
  example: {
    eventId: 'reporting-26734-households_fibre_coverage_pct-2026-Q3-r1',
    unitCode: '26734',
    occurredAt: '2026-10-05T09:00:00+07:00',
    producedAt: '2026-10-05T09:00:10+07:00',
    payload: {
      indicatorId: 'households_fibre_coverage_pct',
      period: '2026-Q3',
      value: 84.51,
      numerator: 4120,
      denominator: 4875,
      dataSource: 'VNPT Thành phố Hồ Chí Minh',
      revision: 1,
    },
  },
});
