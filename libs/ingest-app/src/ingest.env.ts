import { IsInt, IsString, Max, Min } from 'class-validator';
import { DEFAULT_STRUCTURAL_LIMITS, type EventTimePolicy, type StructuralLimits } from '@libs/contracts';
import { EnvInt } from '@libs/platform';

export class IngestEnv {
  @IsString()
  INGEST_GROUP_ID = 'coc-ingest';

  @EnvInt()
  @IsInt()
  @Min(0)
  @Max(65535)
  INGEST_HTTP_PORT = 3001;

  /** Tolerated clock skew of source systems; events further in the future are refused. */
  @EnvInt()
  @IsInt()
  @Min(0)
  INGEST_MAX_FUTURE_SKEW_MS = 300_000;

  @EnvInt()
  @IsInt()
  @Min(1024)
  INGEST_MAX_RECORD_BYTES = 65_536;

  /** Structural limits, checked before any object mapping: nesting of objects and arrays … */
  @EnvInt()
  @IsInt()
  @Min(2)
  @Max(64)
  INGEST_MAX_JSON_DEPTH = DEFAULT_STRUCTURAL_LIMITS.maxDepth;

  /** … object keys and array elements in one record … */
  @EnvInt()
  @IsInt()
  @Min(16)
  INGEST_MAX_JSON_KEYS = DEFAULT_STRUCTURAL_LIMITS.maxKeys;

  /** … and characters in any one string. */
  @EnvInt()
  @IsInt()
  @Min(64)
  INGEST_MAX_STRING_LENGTH = DEFAULT_STRUCTURAL_LIMITS.maxStringLength;

  /**
   * A dead-lettered copy longer than this keeps its first bytes and a marker (headers give the
   * original's size and SHA-256): under the broker's message.max.bytes, so the DLQ never blocks.
   */
  @EnvInt()
  @IsInt()
  @Min(1024)
  @Max(900_000)
  INGEST_DLQ_MAX_VALUE_BYTES = 524_288;

  /** How much of a refused record's bytes the rejects table keeps. */
  @EnvInt()
  @IsInt()
  @Min(0)
  INGEST_REJECT_RAW_MAX_BYTES = 8192;

  /** Batch thresholds: the broker answers a fetch once this many bytes are ready … */
  @EnvInt()
  @IsInt()
  @Min(1)
  INGEST_BATCH_MIN_BYTES = 65_536;

  /**
   * … or this much time has passed. Under load the byte threshold answers first; this bounds what a
   * lone event waits (bench event-to-screen-latency), at most ten small inserts a second per partition
   * under a trickle.
   */
  @EnvInt()
  @IsInt()
  @Min(10)
  INGEST_BATCH_MAX_WAIT_MS = 100;

  @EnvInt()
  @IsInt()
  @Min(1024)
  INGEST_BATCH_MAX_BYTES_PER_PARTITION = 4_194_304;

  /**
   * Partitions handled at once: one partition's inserts overlap another's validation. kafkajs fetches again only once every batch of
   * a fetch is handled, so the default covers all source partitions (4 topics × 3): a fetch takes
   * as long as its slowest batch, not the sum of waves (bench event-to-screen-latency: Kafka send →
   * ingest p50 1.8 s at 3, 0.2–0.45 s at 12, at 2,000 events/s).
   */
  @EnvInt()
  @IsInt()
  @Min(1)
  INGEST_PARTITIONS_CONCURRENTLY = 12;

  /**
   * Batches of one partition handled at once while it has a backlog (a batch of at least half
   * INGEST_BATCH_MAX_BYTES_PER_PARTITION). kafkajs fetches again only once every batch of a fetch is
   * handed back; at 2 the next fetch and its validation overlap the previous batches' inserts
   * (ClickHouse otherwise idles while ingest validates, and ingest while ClickHouse inserts). A
   * caught-up partition's small batches are stored before the next fetch, as at 1: reading ahead
   * there only splits the same events into more inserts. Offsets are still committed in order, each
   * batch once every earlier one of its partition is stored.
   * Kafka only: the embedded bus hands over one batch of a partition at a time.
   */
  @EnvInt()
  @IsInt()
  @Min(1)
  @Max(8)
  INGEST_BATCHES_IN_FLIGHT_PER_PARTITION = 2;

  @EnvInt()
  @IsInt()
  @Min(10)
  INGEST_RETRY_INITIAL_MS = 500;

  @EnvInt()
  @IsInt()
  @Min(100)
  INGEST_RETRY_MAX_MS = 15_000;

  /** A crashed ingest's partitions move to the others after this long; 6 s is the broker's minimum. */
  @EnvInt()
  @IsInt()
  @Min(6000)
  @Max(300_000)
  INGEST_SESSION_TIMEOUT_MS = 30_000;
}

/** The per-record rules both paths apply (RecordPolicy without the clock and the units). */
export function recordPolicyOf(
  env: IngestEnv,
): Pick<EventTimePolicy, 'maxFutureSkewMs'> & { maxRecordBytes: number; limits: StructuralLimits } {
  return {
    maxFutureSkewMs: env.INGEST_MAX_FUTURE_SKEW_MS,
    maxRecordBytes: env.INGEST_MAX_RECORD_BYTES,
    limits: {
      maxDepth: env.INGEST_MAX_JSON_DEPTH,
      maxKeys: env.INGEST_MAX_JSON_KEYS,
      maxStringLength: env.INGEST_MAX_STRING_LENGTH,
    },
  };
}
