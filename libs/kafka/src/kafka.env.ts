import { ArrayNotEmpty, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { EnvInt, EnvList } from '@libs/platform';
import { KafkaSecurityEnv } from './kafka-security.env';

export class KafkaEnv extends KafkaSecurityEnv {
  /**
   * Kafka's brokers as host:port,...: set, the apps publish and consume through Kafka; unset, through
   * the embedded durable bus in COC_DATA_DIR (one process only).
   */
  @IsOptional()
  @EnvList()
  @ArrayNotEmpty({ message: 'KAFKA_BROKERS must list at least one host:port' })
  @Matches(/^[^\s:,]+:\d+$/, { each: true, message: 'KAFKA_BROKERS entries must be host:port' })
  KAFKA_BROKERS?: string[];

  @IsString()
  @Matches(/^[A-Za-z0-9._-]+$/, { message: 'KAFKA_CLIENT_ID may use letters, digits, . _ -' })
  KAFKA_CLIENT_ID = 'coc-stream';

  /** Prepended to every topic name: lets several deployments or test runs share one cluster. */
  @Matches(/^[A-Za-z0-9._-]*$/, { message: 'KAFKA_TOPIC_PREFIX may use letters, digits, . _ -' })
  KAFKA_TOPIC_PREFIX = '';

  /** Partitions for topics COC Stream creates; keys are unit codes, so more partitions spread communes. */
  @EnvInt()
  @IsInt()
  @Min(1)
  @Max(256)
  KAFKA_TOPIC_PARTITIONS = 3;

  @EnvInt()
  @IsInt()
  @Min(1)
  @Max(5)
  KAFKA_REPLICATION_FACTOR = 1;
}
