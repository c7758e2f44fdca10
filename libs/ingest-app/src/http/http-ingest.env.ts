import { IsInt, Min } from 'class-validator';
import { EnvInt } from '@libs/platform';

export class HttpIngestEnv {
  /** Largest request body (JSON or NDJSON, after decompression); larger ones get 413. */
  @EnvInt()
  @IsInt()
  @Min(1024)
  INGEST_HTTP_MAX_BODY_BYTES = 5 * 1024 * 1024;

  /** Most records in one request; more get 413 and nothing is published. */
  @EnvInt()
  @IsInt()
  @Min(1)
  INGEST_HTTP_MAX_RECORDS = 5000;

  /** A request waits at most this long for Kafka's acknowledgement before it answers 503. */
  @EnvInt()
  @IsInt()
  @Min(100)
  INGEST_HTTP_PUBLISH_TIMEOUT_MS = 15_000;

  /** Sent as Retry-After when Kafka is unavailable. */
  @EnvInt()
  @IsInt()
  @Min(1)
  INGEST_HTTP_RETRY_AFTER_SECONDS = 5;
}
