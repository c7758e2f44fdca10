import { IsOptional, IsString, IsUrl, Matches } from 'class-validator';
import { KafkaSecurityEnv } from '@libs/kafka';
import { EnvList } from '@libs/platform';

/**
 * Defaults for the transport flags; a flag given on the command line wins. Secrets have no flag:
 * the Kafka SASL settings (KafkaSecurityEnv) and the API key come from here only.
 */
export class ConnectorCliEnv extends KafkaSecurityEnv {
  @IsOptional()
  @EnvList()
  @Matches(/^[^\s:,]+:\d+$/, { each: true, message: 'KAFKA_BROKERS entries must be host:port' })
  KAFKA_BROKERS?: string[];

  @Matches(/^[A-Za-z0-9._-]*$/, { message: 'KAFKA_TOPIC_PREFIX may use letters, digits, . _ -' })
  KAFKA_TOPIC_PREFIX = '';

  @Matches(/^[A-Za-z0-9._-]+$/, { message: 'KAFKA_CLIENT_ID may use letters, digits, . _ -' })
  KAFKA_CLIENT_ID = 'coc-connector-cli';

  /** Base URL of the ingest app, for --transport http. */
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  COC_INGEST_URL?: string;

  /** The HTTP transport's key; `--api-key-file` instead reads it from a file. */
  @IsOptional()
  @IsString()
  COC_API_KEY?: string;
}
