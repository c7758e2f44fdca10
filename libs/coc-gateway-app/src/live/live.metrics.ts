import { makeGaugeProvider } from '@willsoto/nestjs-prometheus';
import type { Gauge } from 'prom-client';
import { METRIC } from '@libs/observability';
import { LiveGateway } from './live.gateway';

/** Screens and rooms, read from socket.io when Prometheus scrapes. */
export const LIVE_METRIC_PROVIDERS = [
  makeGaugeProvider({
    ...METRIC.screensConnected,
    inject: [LiveGateway],
    collect(this: Gauge, live: LiveGateway) {
      this.set(live.stats().screens);
    },
  }),
  makeGaugeProvider({
    ...METRIC.roomsActive,
    inject: [LiveGateway],
    collect(this: Gauge, live: LiveGateway) {
      this.set(live.stats().rooms);
    },
  }),
];
