import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsJSON,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { EVENT_ID_PATTERN, SOURCE_IDS, UNIT_CODE_PATTERN, type SourceId } from '@libs/contracts';
import type { SyncBatch, SyncedEvent, SyncMark } from '../domain/sync-batch';

/** Largest instant a ClickHouse DateTime holds. */
const LAST_SECOND = 4_294_967_295;

export class SyncedEventDto implements SyncedEvent {
  @ApiProperty({ enum: SOURCE_IDS })
  @IsIn(SOURCE_IDS)
  source!: SourceId;

  @ApiProperty()
  @Matches(EVENT_ID_PATTERN)
  eventId!: string;

  @ApiProperty({ example: 'onestop.dossier.received' })
  @IsString()
  @MaxLength(100)
  type!: string;

  @ApiProperty()
  @IsInt()
  @Min(1)
  @Max(65535)
  schemaVersion!: number;

  @ApiProperty({ example: '26734' })
  @Matches(UNIT_CODE_PATTERN)
  unitCode!: string;

  @ApiProperty({ description: 'unix seconds' })
  @IsInt()
  @Min(0)
  @Max(LAST_SECOND)
  occurredAt!: number;

  @ApiProperty({ description: 'unix seconds' })
  @IsInt()
  @Min(0)
  @Max(LAST_SECOND)
  producedAt!: number;

  @ApiProperty({ description: 'the payload as the JSON text the child stored' })
  @IsJSON()
  payload!: string;
}

export class SyncMarkDto implements SyncMark {
  @ApiProperty({ example: '26734' })
  @Matches(UNIT_CODE_PATTERN)
  unitCode!: string;

  @ApiProperty({ enum: SOURCE_IDS })
  @IsIn(SOURCE_IDS)
  source!: SourceId;

  @ApiProperty({
    description: 'unix seconds: everything the child stored before it is in this batch or earlier',
  })
  @IsInt()
  @Min(0)
  @Max(LAST_SECOND)
  completeThrough!: number;

  @ApiProperty({ description: 'records the child refused in the 24 h before completeThrough' })
  @IsInt()
  @Min(0)
  rejected!: number;

  @ApiProperty({ description: 'records the child stored in the 24 h before completeThrough' })
  @IsInt()
  @Min(0)
  accepted!: number;
}

export class SyncBatchDto implements SyncBatch {
  @ApiProperty({ description: 'the sending level’s own unit code', example: '26734' })
  @Matches(UNIT_CODE_PATTERN)
  origin!: string;

  @ApiPropertyOptional({
    description: 'the first of the merged batches firstSeq … seq this delivery carries (absent: seq alone)',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  firstSeq?: number;

  @ApiProperty({ description: 'the (last) batch’s sequence number in the origin’s outbox, from 1' })
  @IsInt()
  @Min(1)
  seq!: number;

  @ApiProperty({ description: 'unix seconds' })
  @IsInt()
  @Min(0)
  createdAt!: number;

  @ApiProperty({ type: [SyncedEventDto] })
  @IsArray()
  @ArrayMaxSize(100_000)
  @ValidateNested({ each: true })
  @Type(() => SyncedEventDto)
  events!: SyncedEventDto[];

  @ApiProperty({ type: [SyncMarkDto] })
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => SyncMarkDto)
  marks!: SyncMarkDto[];
}
