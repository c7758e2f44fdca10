import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  Validate,
  ValidatorConstraint,
  type ValidationArguments,
  type ValidatorConstraintInterface,
} from 'class-validator';
import { UNIT_CODE_PATTERN } from '@libs/contracts';
import { EnvInt, EnvList } from '@libs/platform';

export const SYNC_ROLES = ['commune', 'district', 'province'] as const;
export type SyncRole = (typeof SYNC_ROLES)[number];

/** One delivery step sends at most two upstream requests (the cursor, then a batch). */
const REQUESTS_PER_STEP = 2;

@ValidatorConstraint({ name: 'stallOutlastsRequests' })
class StallOutlastsRequests implements ValidatorConstraintInterface {
  validate(stallAfterMs: number, { object }: ValidationArguments): boolean {
    return stallAfterMs > REQUESTS_PER_STEP * (object as IocSyncEnv).IOC_SYNC_REQUEST_TIMEOUT_MS;
  }

  defaultMessage(): string {
    return `IOC_SYNC_STALL_AFTER_MS must exceed ${REQUESTS_PER_STEP} × IOC_SYNC_REQUEST_TIMEOUT_MS (a slow link is not a stuck loop)`;
  }
}

export class IocSyncEnv {
  @EnvInt()
  @IsInt()
  @Min(0)
  @Max(65535)
  IOC_SYNC_PORT = 3002;

  /** What this installation is: a commune COC, a district IOC or a province IOC. */
  @IsIn(SYNC_ROLES)
  IOC_SYNC_ROLE: SyncRole = 'commune';

  /** This installation's own administrative unit: the origin of everything it sends upstream. */
  @Matches(UNIT_CODE_PATTERN, { message: 'IOC_SYNC_UNIT_CODE must be a 2, 3 or 5 digit unit code' })
  IOC_SYNC_UNIT_CODE = '';

  /** The upstream receiver over each network link, tried in order; none: this level sends nothing. */
  @EnvList()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true }, { each: true })
  IOC_SYNC_UPSTREAM_URLS: string[] = [];

  /** The `ioc` key the upstream issued to this installation (Authorization: Bearer). */
  @IsOptional()
  @IsString()
  IOC_SYNC_UPSTREAM_KEY?: string;

  /** How often the outbox takes in newly stored events, and delivery looks for work when idle. */
  @EnvInt()
  @IsInt()
  @Min(50)
  IOC_SYNC_INTERVAL_MS = 1000;

  /** Most events in one outbox batch (one sequence number, one upstream request). */
  @EnvInt()
  @IsInt()
  @Min(1)
  @Max(100_000)
  IOC_SYNC_BATCH_MAX_EVENTS = 5000;

  /** An idle outbox still records a batch of watermarks this often, so upstream sees it is complete. */
  @EnvInt()
  @IsInt()
  @Min(100)
  IOC_SYNC_MARK_INTERVAL_MS = 300_000;

  /**
   * Events are looked for among those stored since the previous batch minus this margin (a write
   * retried during an outage lands late with an older ingested_at); a full sweep runs at start-up
   * and every IOC_SYNC_FULL_SWEEP_MS.
   */
  @EnvInt()
  @IsInt()
  @Min(0)
  IOC_SYNC_RESCAN_MARGIN_MS = 3_600_000;

  @EnvInt()
  @IsInt()
  @Min(1000)
  IOC_SYNC_FULL_SWEEP_MS = 3_600_000;

  /** One upstream request's time limit; past it the link counts as failed and the next one is tried. */
  @EnvInt()
  @IsInt()
  @Min(100)
  IOC_SYNC_REQUEST_TIMEOUT_MS = 15_000;

  /**
   * Liveness: a loop (outbox, delivery) inside one step for longer than this is stuck. Well above a
   * step's longest legitimate run: two upstream requests and a few ClickHouse queries, each with its
   * own time limit (CLICKHOUSE_REQUEST_TIMEOUT_MS).
   */
  @EnvInt()
  @IsInt()
  @Min(1000)
  @Validate(StallOutlastsRequests)
  IOC_SYNC_STALL_AFTER_MS = 300_000;

  /** Back-off while every link fails: from the first value, doubling up to the second. */
  @EnvInt()
  @IsInt()
  @Min(10)
  IOC_SYNC_RETRY_INITIAL_MS = 500;

  @EnvInt()
  @IsInt()
  @Min(10)
  IOC_SYNC_RETRY_MAX_MS = 15_000;

  /** Largest batch body the receiver accepts (bytes, after decompression). */
  @EnvInt()
  @IsInt()
  @Min(1024)
  IOC_SYNC_MAX_BODY_BYTES = 67_108_864;

  /** Completeness: a feed is live when it stored an event within this long. */
  @EnvInt()
  @IsInt()
  @Min(1)
  IOC_SYNC_LIVE_WITHIN_S = 3600;

  /** Completeness: complete when the child's watermark is at most this far behind now. */
  @EnvInt()
  @IsInt()
  @Min(1)
  IOC_SYNC_COMPLETE_WITHIN_S = 900;

  /** Completeness: clean when at most this share (per mille) of the last 24 h's records was refused. */
  @EnvInt()
  @IsInt()
  @Min(0)
  @Max(1000)
  IOC_SYNC_CLEAN_MAX_REJECT_PERMILLE = 10;

  /** Completeness: the last 24 h are within expected volume between these percentages of the 7-day daily mean. */
  @EnvInt()
  @IsInt()
  @Min(0)
  IOC_SYNC_VOLUME_MIN_PCT = 50;

  @EnvInt()
  @IsInt()
  @Min(0)
  IOC_SYNC_VOLUME_MAX_PCT = 200;
}
