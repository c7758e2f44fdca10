import { Global, Module } from '@nestjs/common';
import { EVENT_BUS } from '@libs/event-bus-port';
import { KafkaEnv, KafkaEventBus } from '@libs/kafka';
import { loadEnv } from '@libs/platform';

/** The process's event bus, one per process, shared by every app module in it. */
@Global()
@Module({
  providers: [{ provide: EVENT_BUS, useFactory: () => new KafkaEventBus(loadEnv(KafkaEnv)) }],
  exports: [EVENT_BUS],
})
export class EventBusModule {}
