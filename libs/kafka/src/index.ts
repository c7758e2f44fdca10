export { KafkaEventBus } from './kafka-event-bus';
export { KafkaEnv } from './kafka.env';
export { KafkaSecurityEnv, SASL_MECHANISMS, type SaslMechanism } from './kafka-security.env';
export { kafkaClientConfig, type KafkaClientSettings } from './kafka-client-config';
export { PRODUCE_BUDGET_BYTES, RECORD_OVERHEAD_BYTES, chunkByBytes } from './chunk-by-bytes';
export { KafkaTransport, type KafkaTransportOptions } from './kafka.transport';
