import { Controller, Get, Headers, Inject, type FactoryProvider, type InjectionToken } from '@nestjs/common';
import { HealthCheckService, HealthIndicatorService, type HealthIndicatorFunction } from '@nestjs/terminus';
import type { IncomingHttpHeaders } from 'node:http';
import { Authenticator, Public } from '@libs/access';
import { answerHealth } from './health-checks';

/** What an app checks: readiness (it can serve now) and liveness (it makes progress; else restart it). */
export interface HealthProbes {
  ready: HealthIndicatorFunction[];
  live: HealthIndicatorFunction[];
}

const HEALTH_PROBES = Symbol('HEALTH_PROBES');

/**
 * The app's probes for HealthController, built from terminus's indicators and the app's own
 * providers (`inject`, handed to `build` after the indicators, in order).
 */
export function healthProbes(
  inject: InjectionToken[],
  build: (indicators: HealthIndicatorService, ...deps: never[]) => HealthProbes,
): FactoryProvider<HealthProbes> {
  return {
    provide: HEALTH_PROBES,
    // The dependencies' types are the caller's to state: Nest resolves `inject` in this order.
    useFactory: (indicators: HealthIndicatorService, ...deps: unknown[]) =>
      build(indicators, ...(deps as never[])),
    inject: [HealthIndicatorService, ...inject],
  };
}

/**
 * `/health` and `/health/ready` (readiness), `/health/live` (liveness) for every app. Probes answer
 * anyone up or down (orchestrators present no credential); details only to an admin.
 */
@Controller('health')
@Public()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    @Inject(HEALTH_PROBES) private readonly probes: HealthProbes,
    private readonly authenticator: Authenticator,
  ) {}

  @Get(['', 'ready'])
  async ready(@Headers() headers: IncomingHttpHeaders) {
    return answerHealth(this.health, this.probes.ready, await this.detailed(headers));
  }

  @Get('live')
  async live(@Headers() headers: IncomingHttpHeaders) {
    return answerHealth(this.health, this.probes.live, await this.detailed(headers));
  }

  private async detailed(headers: IncomingHttpHeaders): Promise<boolean> {
    return (await this.authenticator.principalOf(headers))?.role === 'admin';
  }
}
