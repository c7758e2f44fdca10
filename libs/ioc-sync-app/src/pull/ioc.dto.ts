import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
} from 'class-validator';

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

export class RollupsQuery {
  @ApiProperty({ description: 'KPI ids, comma-separated', example: 'tthc_dossiers_on_central_onestop_pct' })
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.split(',').filter(Boolean) : value,
  )
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(30)
  @IsString({ each: true })
  kpi!: string[];

  @ApiPropertyOptional({ description: 'first local day (YYYY-MM-DD); default: 30 days before to' })
  @IsOptional()
  @Matches(LOCAL_DATE)
  from?: string;

  @ApiPropertyOptional({ description: 'last local day (YYYY-MM-DD), included; default: today' })
  @IsOptional()
  @Matches(LOCAL_DATE)
  to?: string;

  @ApiPropertyOptional({ description: 'the cursor of the previous page; 0 or absent: from the beginning' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  since = 0;

  @ApiPropertyOptional({ description: 'about this many (unit, day) pairs per page (whole outbox batches)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit = 100;
}

export class RollupRowDto {
  @ApiProperty() unitCode!: string;
  @ApiProperty({ description: 'local day' }) date!: string;
  @ApiProperty() kpiId!: string;
  @ApiProperty({ enum: ['ratio', 'sum', 'median', 'none'] }) combine!: string;
  @ApiProperty({ nullable: true, type: Number }) numerator!: number | null;
  @ApiProperty({ nullable: true, type: Number }) denominator!: number | null;
  @ApiProperty({ nullable: true, type: Number }) value!: number | null;
  @ApiProperty({ nullable: true, type: String }) noData!: string | null;
}

export class RollupPageDto {
  @ApiProperty() unitCode!: string;
  @ApiProperty({ type: [String] }) kpis!: string[];
  @ApiProperty() since!: number;
  @ApiProperty({ description: 'pass back as since for the next page' }) cursor!: number;
  @ApiProperty({ description: 'more changes wait after cursor' }) more!: boolean;
  @ApiProperty({ type: [RollupRowDto] }) rows!: RollupRowDto[];
  @ApiProperty({ description: 'first local day asked for' }) from!: string;
  @ApiProperty({ description: 'last local day asked for, included' }) to!: string;
  @ApiProperty({ description: 'when the figures were read: later changes come with a later cursor' })
  asOf!: string;
}

export class FeedCompletenessDto {
  @ApiProperty() unitCode!: string;
  @ApiProperty() source!: string;
  @ApiProperty({ description: 'live | silent | never, lastEventAt, lastStoredAt' }) live!: object;
  @ApiProperty({ description: 'complete | late | unknown, completeThrough, lagSeconds' }) complete!: object;
  @ApiProperty({ description: 'clean | dirty | unknown, rejected, accepted, rejectRate' }) clean!: object;
  @ApiProperty({ description: 'within | below | above | unknown, last24h, dailyMean7d' }) volume!: object;
}

export class ChildCompletenessDto {
  @ApiProperty() unitCode!: string;
  @ApiProperty({ enum: ['complete', 'late', 'silent'] }) state!: string;
  @ApiProperty({ type: [FeedCompletenessDto] }) feeds!: FeedCompletenessDto[];
}

export class CompletenessDto {
  @ApiProperty() unitCode!: string;
  @ApiProperty() asOf!: string;
  @ApiProperty({ type: [ChildCompletenessDto] }) children!: ChildCompletenessDto[];
}
