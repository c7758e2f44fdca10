import {
  Body,
  Controller,
  ForbiddenException,
  Get,
  HttpCode,
  HttpException,
  Param,
  Post,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, CurrentPrincipal, type Principal } from '@libs/access';
import { AdministrativeHierarchy, localDateOf } from '@libs/admin-units';
import { unitOutsideScope } from '../domain/subtree';
import type { SyncBatch, SyncCursor } from '../domain/sync-batch';
import { DeliveryService, type DeliveryStatus } from '../delivery/delivery.service';
import { ReceiverService } from './receiver.service';
import { SyncBatchDto } from './sync-batch.dto';

/** A child sends with the `ioc` key its parent issued it, scoped to the child's own unit. */
@ApiTags('IOC sync')
@ApiBearerAuth()
@Allow('ioc')
@Controller('api/v1/sync')
export class SyncController {
  constructor(
    private readonly receiver: ReceiverService,
    private readonly delivery: DeliveryService,
    private readonly hierarchy: AdministrativeHierarchy,
  ) {}

  /** The guard checks `unitCode` only: a batch names its units in its origin, events and watermarks. */
  private checkScope(who: Principal, batch: Pick<SyncBatch, 'origin' | 'events' | 'marks'>): void {
    const outside = unitOutsideScope(this.hierarchy, who, batch, localDateOf(new Date()));
    if (outside !== undefined)
      throw new ForbiddenException(`unit ${outside} is outside the scope of ${who.id}`);
  }

  @Get('origins/:origin/cursor')
  @ApiOperation({ summary: "How many of a child's batches this level has applied" })
  cursor(@Param('origin') origin: string, @CurrentPrincipal() who: Principal): Promise<SyncCursor> {
    this.checkScope(who, { origin, events: [], marks: [] });
    return this.receiver.cursor(origin);
  }

  @Post('batches')
  @HttpCode(200)
  @ApiOperation({
    summary:
      "Apply a child's outbox batch (exactly once, in sequence order); 409 with the cursor when out of order",
  })
  @ApiOkResponse({ description: 'the cursor after the batch' })
  async receive(
    @Body() batch: SyncBatchDto,
    @CurrentPrincipal() who: Principal,
  ): Promise<SyncCursor & { decision: string }> {
    this.checkScope(who, batch);
    const result = await this.receiver.receive(batch);
    if (result.decision === 'gap') throw new HttpException(result, 409);
    return result;
  }

  @Get('status')
  @Allow('admin')
  @ApiOperation({ summary: 'This level’s outbox and its upstream links' })
  status(): DeliveryStatus {
    return this.delivery.status();
  }
}
