import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { Public } from '@libs/access';
import type { ConsumerHealth } from '@libs/kafka';
import { KpiChangesConsumer } from './live/kpi-changes.consumer';

@Controller('health')
export class HealthController {
  constructor(private readonly changes: KpiChangesConsumer) {}

  /** 200 once live updates flow: the change-notice consumer has joined its group. */
  @Get()
  @Public()
  check(): { status: 'ok'; changes: ConsumerHealth } {
    const changes = this.changes.health();
    if (changes.state !== 'consuming')
      throw new ServiceUnavailableException({ status: 'unhealthy', changes });
    return { status: 'ok', changes };
  }
}
