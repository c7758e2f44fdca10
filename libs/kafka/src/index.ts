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
export { PRODUCE_BUDGET_BYTES, RECORD_OVERHEAD_BYTES, chunkByBytes } from './chunk-by-bytes';
export { KafkaTransport, type KafkaTransportOptions } from './kafka.transport';
