export { EventBusModule } from './event-bus.module';
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
