import { Transform } from 'class-transformer';
import { IsBoolean, IsEmpty, IsIn, IsNotEmpty, IsOptional, IsString, ValidateIf } from 'class-validator';
import { EnvBool } from '@libs/platform';

export const SASL_MECHANISMS = ['scram-sha-256', 'scram-sha-512'] as const;
export type SaslMechanism = (typeof SASL_MECHANISMS)[number];

const saslRequested = (env: KafkaSecurityEnv): boolean =>
  [env.KAFKA_SASL_USERNAME, env.KAFKA_SASL_PASSWORD, env.KAFKA_SASL_PASSWORD_FILE].some(
    (v) => v !== undefined,
  );

/**
 * How a Kafka client authenticates and encrypts: SASL/SCRAM when a mechanism is set, TLS when
 * KAFKA_SSL is true. Nothing set means neither, for a broker on a trusted network or in tests.
 */
export class KafkaSecurityEnv {
  /** A credential without a mechanism would silently connect without authenticating: refused. */
  @ValidateIf((env: KafkaSecurityEnv) => env.KAFKA_SASL_MECHANISM !== undefined || saslRequested(env))
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.toLowerCase() : value))
  @IsIn(SASL_MECHANISMS, {
    message: `KAFKA_SASL_MECHANISM must be one of ${SASL_MECHANISMS.join(', ')} (it is required when a KAFKA_SASL_ user or password is set)`,
  })
  KAFKA_SASL_MECHANISM?: SaslMechanism;

  @ValidateIf((env: KafkaSecurityEnv) => env.KAFKA_SASL_MECHANISM !== undefined)
  @IsString()
  @IsNotEmpty({ message: 'KAFKA_SASL_USERNAME is required when KAFKA_SASL_MECHANISM is set' })
  KAFKA_SASL_USERNAME?: string;

  @ValidateIf(
    (env: KafkaSecurityEnv) =>
      env.KAFKA_SASL_MECHANISM !== undefined && env.KAFKA_SASL_PASSWORD_FILE === undefined,
  )
  @IsString()
  @IsNotEmpty({
    message: 'KAFKA_SASL_PASSWORD or KAFKA_SASL_PASSWORD_FILE is required when KAFKA_SASL_MECHANISM is set',
  })
  KAFKA_SASL_PASSWORD?: string;

  /** A file holding the password (a mounted Secret), read once at start-up. */
  @ValidateIf((env: KafkaSecurityEnv) => env.KAFKA_SASL_PASSWORD !== undefined)
  @IsEmpty({ message: 'set KAFKA_SASL_PASSWORD or KAFKA_SASL_PASSWORD_FILE, not both' })
  @IsOptional()
  @IsString()
  KAFKA_SASL_PASSWORD_FILE?: string;

  @EnvBool()
  @IsBoolean()
  KAFKA_SSL = false;

  /** PEM file of the CA that signed the brokers' certificates; unset: the system's trusted CAs. */
  @ValidateIf((env: KafkaSecurityEnv) => env.KAFKA_SSL_CA_FILE !== undefined && !env.KAFKA_SSL)
  @IsEmpty({ message: 'KAFKA_SSL_CA_FILE needs KAFKA_SSL=true' })
  @IsOptional()
  @IsString()
  KAFKA_SSL_CA_FILE?: string;
}
