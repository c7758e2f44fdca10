import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  COMPARATORS,
  KPI_STATUS_LABELS,
  KPI_UNITS,
  type Combine,
  type Comparator,
  type KpiCadence,
  type KpiDirection,
  type KpiMode,
  type KpiOrigin,
  type KpiStatus,
  type KpiUnit,
  type NoDataReason,
} from '@libs/kpi';
import { UNIT_LEVELS, type UnitLevel } from '@libs/admin-units';
import { SOURCE_IDS, type SourceId } from '@libs/contracts';
import { HIERARCHY_VIEWS, type HierarchyView } from '../hierarchy/unit-scope';
import {
  PERIOD_CHOICES,
  SERIES_GRANULARITIES,
  type PeriodChoice,
  type SeriesGranularity,
} from './period-request';

const DIRECTIONS: KpiDirection[] = ['higher_is_better', 'lower_is_better'];
const COMBINES: Combine[] = ['ratio', 'sum', 'median', 'none'];
const ORIGINS: KpiOrigin[] = ['built_in', 'local'];
const NO_DATA_REASONS: NoDataReason[] = [
  'no_feed',
  'no_reference',
  'empty_denominator',
  'no_samples',
  'not_additive',
];
const STATUSES = Object.keys(KPI_STATUS_LABELS) as KpiStatus[];

export class TargetDto {
  @ApiProperty({ example: 'Đồng Nai commune DX guidance 2588/UBND-KGVX (2022)' }) plan!: string;
  @ApiProperty({ example: "Đồng Nai Provincial People's Committee" }) issuer!: string;
  @ApiProperty({ enum: UNIT_LEVELS }) level!: UnitLevel;
  @ApiProperty({ example: 2025 }) year!: number;
  @ApiProperty({ enum: COMPARATORS }) comparator!: Comparator;
  @ApiProperty({ example: 100 }) value!: number;
  @ApiProperty({
    description: 'Where the plan states the figure',
    example: 'Công văn 2588/UBND-KGVX ngày 15/3/2022 của UBND tỉnh Đồng Nai, mục I.1.2.1.a',
  })
  citation!: string;
  @ApiPropertyOptional() note?: string;
}

export class KpiMeasureInfoDto {
  @ApiProperty() id!: string;
  @ApiProperty() nameVi!: string;
  @ApiProperty() nameEn!: string;
  @ApiProperty({ enum: [...KPI_UNITS] }) unit!: KpiUnit;
  @ApiProperty({ enum: DIRECTIONS }) direction!: KpiDirection;
}

export class KpiCatalogEntryDto {
  @ApiProperty({ example: 'tthc_dossiers_fully_online_pct' }) id!: string;
  @ApiProperty() nameVi!: string;
  @ApiProperty() nameEn!: string;
  @ApiProperty({ enum: [...KPI_UNITS] }) unit!: KpiUnit;
  @ApiProperty({
    enum: ORIGINS,
    description: 'built_in: compiled in; local: a run-time indicator loaded with `coc reference indicators`',
  })
  origin!: KpiOrigin;
  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'The unit as written for people, e.g. `tỷ đồng` (run-time indicators, whose unit is `amount`)',
  })
  unitLabel!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Pillar or sector of a run-time indicator' })
  pillar!: string | null;
  @ApiProperty({ enum: DIRECTIONS }) direction!: KpiDirection;
  @ApiProperty({ enum: ['event', 'state', 'reported'] }) mode!: KpiMode;
  @ApiProperty({ enum: ['realtime', 'daily', 'weekly', 'monthly', 'quarterly', 'half_yearly', 'yearly'] })
  cadence!: KpiCadence;
  @ApiProperty({ enum: SOURCE_IDS, isArray: true }) sources!: SourceId[];
  @ApiProperty({ type: [String], description: 'Payload fields the breakdown endpoint accepts as `by`' })
  breakdowns!: string[];
  @ApiProperty({ type: [KpiMeasureInfoDto] }) measures!: KpiMeasureInfoDto[];
  @ApiProperty({ type: [TargetDto], description: 'Every plan figure, with its provenance' })
  targets!: TargetDto[];
  @ApiProperty({ description: 'What the formula leaves out, and the decisions taken where plans are silent' })
  exclusions!: string;
}

export class UnitDto {
  @ApiProperty({ example: '26734' }) code!: string;
  @ApiProperty({ example: 'Xã Tam Đảo' }) name!: string;
  @ApiProperty({ enum: UNIT_LEVELS }) level!: UnitLevel;
  @ApiPropertyOptional() parentCode?: string;
  @ApiProperty({ example: '2025-07-01' }) validFrom!: string;
  @ApiPropertyOptional() validTo?: string;
}

export class PeriodDto {
  @ApiProperty({ enum: PERIOD_CHOICES }) kind!: PeriodChoice;
  @ApiProperty({ description: 'First local day covered', example: '2026-11-01' }) from!: string;
  @ApiProperty({ description: 'Last local day covered (included)', example: '2026-11-30' }) to!: string;
  @ApiProperty({ description: 'Start instant (inclusive)', example: '2026-10-31T17:00:00.000Z' })
  start!: string;
  @ApiProperty({ description: 'End instant (exclusive)', example: '2026-11-30T17:00:00.000Z' }) end!: string;
}

export class FreshnessDto {
  @ApiProperty({
    description: 'The period ended before asOf: the value will not change unless late events arrive',
  })
  periodComplete!: boolean;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Latest occurredAt known before asOf from the KPI’s sources in scope',
  })
  lastEventAt!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Latest time an event of those sources in scope was stored',
  })
  lastIngestedAt!: string | null;
}

class EvaluationFieldsDto {
  @ApiProperty({ enum: COMBINES }) combine!: Combine;
  @ApiProperty({ type: Number, nullable: true, description: 'Summed over the communes in scope' })
  numerator!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Ratios only' }) denominator!: number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: '100 × N / D, a count, or minutes; null when there is no data',
  })
  value!: number | null;
  @ApiProperty({ enum: NO_DATA_REASONS, nullable: true, description: 'Why value is null (never shown as 0)' })
  noData!: NoDataReason | null;
}

export class MeasureValueDto extends EvaluationFieldsDto {
  @ApiProperty() measureId!: string;
  @ApiProperty() nameVi!: string;
  @ApiProperty() nameEn!: string;
  @ApiProperty({ enum: [...KPI_UNITS] }) unit!: KpiUnit;
}

class AssessedFieldsDto extends EvaluationFieldsDto {
  @ApiProperty({ description: 'How many communes in scope contributed nothing (no feed, no reference)' })
  unitsWithoutData!: number;
  @ApiProperty({ type: [String] }) communesWithoutData!: string[];
  @ApiProperty({
    type: TargetDto,
    nullable: true,
    description: 'The target that applies to the unit’s level, plans and year',
  })
  target!: TargetDto | null;
  @ApiProperty({ enum: STATUSES }) status!: KpiStatus;
  @ApiProperty({ example: 'đạt' }) statusLabelVi!: string;
  @ApiProperty({ example: 'meets target' }) statusLabelEn!: string;
  @ApiProperty({ description: 'The target is a "phấn đấu" (aspirational) figure' }) aspirational!: boolean;
}

export class KpiValueDto extends AssessedFieldsDto {
  @ApiProperty() kpiId!: string;
  @ApiProperty() nameVi!: string;
  @ApiProperty() nameEn!: string;
  @ApiProperty({ enum: [...KPI_UNITS] }) unit!: KpiUnit;
  @ApiProperty({
    enum: ORIGINS,
    description: 'built_in: compiled in; local: a run-time indicator loaded with `coc reference indicators`',
  })
  origin!: KpiOrigin;
  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'The unit as written for people, e.g. `tỷ đồng` (run-time indicators, whose unit is `amount`)',
  })
  unitLabel!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Pillar or sector of a run-time indicator' })
  pillar!: string | null;
  @ApiProperty({ enum: DIRECTIONS }) direction!: KpiDirection;
  @ApiProperty({ description: 'Only events that occurred before this instant count' }) asOf!: string;
  @ApiProperty({ type: FreshnessDto }) freshness!: FreshnessDto;
  @ApiProperty({ type: [MeasureValueDto] }) measures!: MeasureValueDto[];
}

export class ScopeDto {
  @ApiProperty({ type: UnitDto }) unit!: UnitDto;
  @ApiProperty({ enum: HIERARCHY_VIEWS }) hierarchy!: HierarchyView;
  @ApiProperty({ description: 'The local date whose map of units is used' }) hierarchyDate!: string;
  @ApiProperty({ type: [String], description: 'The communes whose events make up the figures' })
  communes!: string[];
  @ApiProperty({ type: [String], description: 'The plans whose targets apply, highest priority first' })
  plans!: string[];
  @ApiProperty() asOf!: string;
}

export class UnitKpisDto extends ScopeDto {
  @ApiProperty({ type: PeriodDto }) period!: PeriodDto;
  @ApiProperty({ type: [KpiValueDto] }) kpis!: KpiValueDto[];
}

export class UnitKpiDto extends ScopeDto {
  @ApiProperty({ type: PeriodDto }) period!: PeriodDto;
  @ApiProperty({ type: KpiValueDto }) kpi!: KpiValueDto;
}

export class SeriesPointDto extends AssessedFieldsDto {
  @ApiProperty({ type: PeriodDto }) period!: PeriodDto;
}

export class KpiSeriesDto extends ScopeDto {
  @ApiProperty() kpiId!: string;
  @ApiProperty({ enum: SERIES_GRANULARITIES }) granularity!: SeriesGranularity;
  @ApiProperty({ type: [SeriesPointDto] }) points!: SeriesPointDto[];
}

export class BreakdownRowDto extends EvaluationFieldsDto {
  @ApiProperty({ description: 'The value of the field, as text' }) key!: string;
}

export class KpiBreakdownDto extends ScopeDto {
  @ApiProperty({ type: PeriodDto }) period!: PeriodDto;
  @ApiProperty() kpiId!: string;
  @ApiProperty({ example: 'channel' }) by!: string;
  @ApiProperty({ type: KpiValueDto, description: 'The headline value the rows split' }) total!: KpiValueDto;
  @ApiProperty({ type: [BreakdownRowDto] }) rows!: BreakdownRowDto[];
}
