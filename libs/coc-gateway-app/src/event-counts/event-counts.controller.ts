import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { Allow } from '@libs/access';
import { UNIT_CODE_PATTERN } from '@libs/contracts';
import { localDateOf } from '@libs/admin-units';
import { IsLocalDateParam } from '../kpi/date-validators';
import type { DailyEventCount } from './event-counts.port';
import { GetDailyEventCountsQuery } from './get-daily-event-counts.query';

class UnitParams {
  @Matches(UNIT_CODE_PATTERN, { message: 'unitCode must be an official unit code of 2, 3 or 5 digits' })
  unitCode!: string;
}

class DailyCountsQuery {
  @IsOptional()
  @IsLocalDateParam()
  date?: string;

  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.split(',') : value))
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  type?: string[];
}

@Allow('screen', 'viewer', 'ioc', 'admin')
@Controller('api/v1/units/:unitCode/event-counts')
export class EventCountsController {
  constructor(private readonly queries: QueryBus) {}

  /** Distinct events per type for a unit over one local day (today when no date is given). */
  @Get()
  daily(
    @Param() { unitCode }: UnitParams,
    @Query() { date, type }: DailyCountsQuery,
  ): Promise<DailyEventCount[]> {
    return this.queries.execute(
      new GetDailyEventCountsQuery(unitCode, date ?? localDateOf(new Date()), type ?? []),
    );
  }
}
