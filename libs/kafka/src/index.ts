export { KafkaModule } from './kafka.module';
export { KafkaConnection, type TopicMessages } from './kafka.connection';
export { KafkaEnv } from './kafka.env';
export { KafkaSecurityEnv, SASL_MECHANISMS, type SaslMechanism } from './kafka-security.env';
export { kafkaClientConfig, type KafkaClientSettings } from './kafka-client-config';
export {
  BatchConsumer,
  type BatchConsumerOptions,
  type BatchHandler,
  type ConsumedRecord,
  type ConsumerHealth,
  type ConsumerState,
} from './batch-consumer';
export {
  ConsumerProgressTracker,
  type PartitionOffsets,
  type PartitionProgress,
  type ProgressVerdict,
} from './consumer-progress';
export { ConsumerProgressMonitor, type ConsumerProgressOptions } from './consumer-progress.monitor';
export { PRODUCE_BUDGET_BYTES, RECORD_OVERHEAD_BYTES, chunkByBytes } from './chunk-by-bytes';
export { KafkaTransport, type KafkaTransportOptions } from './kafka.transport';
