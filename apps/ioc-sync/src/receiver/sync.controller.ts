import { Body, Controller, Get, HttpCode, HttpException, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { SyncCursor } from '../domain/sync-batch';
import { DeliveryService, type DeliveryStatus } from '../delivery/delivery.service';
import { ReceiverService } from './receiver.service';
import { SyncBatchDto } from './sync-batch.dto';

@ApiTags('IOC sync')
@Controller('api/v1/sync')
export class SyncController {
  constructor(
    private readonly receiver: ReceiverService,
    private readonly delivery: DeliveryService,
  ) {}

  @Get('origins/:origin/cursor')
  @ApiOperation({ summary: "How many of a child's batches this level has applied" })
  cursor(@Param('origin') origin: string): Promise<SyncCursor> {
    return this.receiver.cursor(origin);
  }

  @Post('batches')
  @HttpCode(200)
  @ApiOperation({
    summary:
      "Apply a child's outbox batch (exactly once, in sequence order); 409 with the cursor when out of order",
  })
  @ApiOkResponse({ description: 'the cursor after the batch' })
  async receive(@Body() batch: SyncBatchDto): Promise<SyncCursor & { decision: string }> {
    const result = await this.receiver.receive(batch);
    if (result.decision === 'gap') throw new HttpException(result, 409);
    return result;
  }

  @Get('status')
  @ApiOperation({ summary: 'This level’s outbox and its upstream links' })
  status(): DeliveryStatus {
    return this.delivery.status();
  }
}
