import { Controller, Get, Module } from '@nestjs/common';
import { ObservabilityModule } from '@libs/observability';

@Controller('health')
class HealthController {
  /** ioc-sync is a shell until the IOC sync issue; it boots so deployments can include it. */
  @Get()
  check(): { status: 'ok'; role: string } {
    return { status: 'ok', role: 'ioc-sync (not yet syncing)' };
  }
}

@Module({ imports: [ObservabilityModule.forApp('ioc-sync')], controllers: [HealthController] })
export class IocSyncModule {}
