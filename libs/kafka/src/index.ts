export { KafkaModule } from './kafka.module';
export { KafkaConnection, type TopicMessages } from './kafka.connection';
export { KafkaEnv } from './kafka.env';
export {
  BatchConsumer,
  type BatchConsumerOptions,
  type BatchHandler,
  type ConsumedRecord,
  type ConsumerHealth,
  type ConsumerState,
} from './batch-consumer';
export { backoffDelay } from './backoff';
export {
  ConsumerProgressTracker,
  type PartitionOffsets,
  type PartitionProgress,
  type ProgressVerdict,
} from './consumer-progress';
export { ConsumerProgressMonitor, type ConsumerProgressOptions } from './consumer-progress.monitor';
