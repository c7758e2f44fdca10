import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '@libs/access';
import { localDateOf } from '@libs/admin-units';
import { CompletenessDto, RollupPageDto, RollupsQuery } from './ioc.dto';
import { IocReadService } from './ioc-read.service';

const DAY_MS = 86_400_000;

/** The guard checks `:unitCode` against the caller's scope on the map of `to` (default: today). */
@ApiTags('IOC pull')
@ApiBearerAuth()
@Allow('ioc', 'viewer', 'admin')
@Controller('api/v1/ioc/units/:unitCode')
export class IocController {
  constructor(private readonly read: IocReadService) {}

  @Get('rollups')
  @ApiOperation({
    summary: "Daily KPI figures of the unit's communes, changes since a cursor, paginated",
    description:
      'A (commune, day) changed after the cursor when an event stored after it occurred on that day or ' +
      'placed one of its KPI inputs on it, itself or through the entity it completes (a report and its ' +
      'submission count on its due day). Pages hold whole outbox batches.',
  })
  @ApiOkResponse({ type: RollupPageDto })
  async rollups(@Param('unitCode') unitCode: string, @Query() query: RollupsQuery): Promise<RollupPageDto> {
    const now = new Date();
    const to = query.to ?? localDateOf(now);
    const from = query.from ?? localDateOf(new Date(Date.parse(`${to}T12:00:00+07:00`) - 30 * DAY_MS));
    const page = await this.read.rollups(unitCode, query.kpi, { from, to }, query.since, query.limit, now);
    return { ...page, from, to, asOf: now.toISOString() };
  }

  @Get('completeness')
  @ApiOperation({ summary: 'Per commune and source: live, complete, clean, within expected volume' })
  @ApiOkResponse({ type: CompletenessDto })
  async completeness(@Param('unitCode') unitCode: string): Promise<CompletenessDto> {
    const now = new Date();
    return { unitCode, asOf: now.toISOString(), children: await this.read.completeness(unitCode, now) };
  }
}
