export { EventBusModule } from './event-bus.module';
export { EmbeddedEventBus, type EmbeddedBusOptions } from './embedded/embedded-event-bus';
export {
  ConsumerProgressMonitor,
  EVENT_BUS,
  type ConsumedRecord,
  type ConsumerHealth,
  type EventBus,
  type GroupConsumer,
  type GroupConsumerOptions,
  type OutgoingMessage,
  type TopicMessages,
} from '@libs/event-bus-port';
