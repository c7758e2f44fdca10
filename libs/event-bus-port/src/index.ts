export {
  EVENT_BUS,
  type BatchHandler,
  type ConsumedRecord,
  type ConsumerHealth,
  type ConsumerState,
  type EventBus,
  type GroupConsumer,
  type GroupConsumerOptions,
  type OutgoingMessage,
  type PublishOptions,
  type TopicMessages,
} from './event-bus.port';
export { BatchDelivery, type Batch, type ConsumerPhase, type KeepAlive } from './batch-delivery';
export {
  ConsumerProgressTracker,
  type PartitionOffsets,
  type PartitionProgress,
  type ProgressVerdict,
} from './consumer-progress';
export { ConsumerProgressMonitor, type ConsumerProgressOptions } from './consumer-progress.monitor';
