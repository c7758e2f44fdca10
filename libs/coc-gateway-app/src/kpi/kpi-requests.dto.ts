import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, Matches, MaxLength } from 'class-validator';
import { UNIT_CODE_PATTERN } from '@libs/contracts';
import { HIERARCHY_VIEWS, type HierarchyView } from '../hierarchy/unit-scope';
import { IsInstantParam, IsLocalDateParam } from './date-validators';
import {
  PERIOD_CHOICES,
  SERIES_GRANULARITIES,
  type PeriodChoice,
  type SeriesGranularity,
} from './period-request';

/** "+07:00" arrives as " 07:00" when a client does not encode the plus sign of a query string. */
const plusRestored = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.replace(/ /g, '+') : value;

export class UnitParams {
  @ApiProperty({
    description: 'Official code: 2 digits (province), 3 (district), 5 (commune)',
    example: '26734',
  })
  @Matches(UNIT_CODE_PATTERN, { message: 'unitCode must be an official unit code of 2, 3 or 5 digits' })
  unitCode!: string;
}

export class UnitKpiParams extends UnitParams {
  @ApiProperty({ example: 'tthc_dossiers_fully_online_pct' })
  @MaxLength(100)
  kpiId!: string;
}

/** Which map of units and which instant a query reads. */
class ReadingQuery {
  @ApiPropertyOptional({
    enum: HIERARCHY_VIEWS,
    default: 'current',
    description:
      'current: the units in force on the period’s date; pre2025: the map before the 1 July 2025 reform (districts)',
  })
  @IsOptional()
  @IsIn(HIERARCHY_VIEWS, { message: `hierarchy must be one of ${HIERARCHY_VIEWS.join(', ')}` })
  hierarchy?: HierarchyView;

  @ApiPropertyOptional({
    description: 'Only events that occurred before this instant count (ISO 8601 with zone); default: now',
    example: '2026-11-21T00:00:00+07:00',
  })
  @IsOptional()
  @Transform(plusRestored)
  @IsInstantParam()
  asOf?: string;
}

export class PeriodQuery extends ReadingQuery {
  @ApiPropertyOptional({ enum: PERIOD_CHOICES, default: 'day' })
  @IsOptional()
  @IsIn(PERIOD_CHOICES, { message: `period must be one of ${PERIOD_CHOICES.join(', ')}` })
  period?: PeriodChoice;

  @ApiPropertyOptional({
    description: 'A local date inside the period (not with custom); default: today',
    example: '2026-11-20',
  })
  @IsOptional()
  @IsLocalDateParam()
  date?: string;

  @ApiPropertyOptional({ description: 'period=custom: first local day', example: '2026-11-01' })
  @IsOptional()
  @IsLocalDateParam()
  from?: string;

  @ApiPropertyOptional({ description: 'period=custom: last local day (included)', example: '2026-11-20' })
  @IsOptional()
  @IsLocalDateParam()
  to?: string;
}

export class SeriesQuery extends ReadingQuery {
  @ApiPropertyOptional({ enum: SERIES_GRANULARITIES, default: 'day' })
  @IsOptional()
  @IsIn(SERIES_GRANULARITIES, { message: `granularity must be one of ${SERIES_GRANULARITIES.join(', ')}` })
  granularity?: SeriesGranularity;

  @ApiPropertyOptional({
    description: 'A local date in the first period; default: 30 days, 12 weeks or 12 months back',
  })
  @IsOptional()
  @IsLocalDateParam()
  from?: string;

  @ApiPropertyOptional({ description: 'A local date in the last period; default: today' })
  @IsOptional()
  @IsLocalDateParam()
  to?: string;
}

export class BreakdownQuery extends PeriodQuery {
  @ApiProperty({
    description: 'A payload field the KPI declares (see breakdowns in GET /api/v1/kpis)',
    example: 'channel',
  })
  @Matches(/^[A-Za-z][A-Za-z0-9_]*$/, { message: 'by must name a payload field, e.g. channel' })
  by!: string;
}
