import { ArrayNotEmpty, IsInt, IsString, Matches, Max, Min } from 'class-validator';
import { EnvInt, EnvList } from '@libs/platform';
import { KafkaSecurityEnv } from './kafka-security.env';

export class KafkaEnv extends KafkaSecurityEnv {
  @EnvList()
  @ArrayNotEmpty({ message: 'KAFKA_BROKERS must list at least one host:port' })
  @Matches(/^[^\s:,]+:\d+$/, { each: true, message: 'KAFKA_BROKERS entries must be host:port' })
  KAFKA_BROKERS: string[] = ['127.0.0.1:19092'];

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
