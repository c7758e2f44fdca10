import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { parseContract, type ParsedContract } from '../parse-contract';
import { UNIT_CODE_PATTERN } from '../unit-code';

/** What became of a call: served, or refused with the status the caller got (other 4xx and 5xx grouped). */
export const AUDIT_OUTCOMES = ['allowed', '401', '403', '404', '429', '4xx', '5xx'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

export const AUDIT_CHANNELS = ['http', 'socket'] as const;
export type AuditChannel = (typeof AUDIT_CHANNELS)[number];

/** A calendar day as written in requests and periods; empty when the call named none. */
const LOCAL_DAY_OR_EMPTY = /^(\d{4}-\d{2}-\d{2})?$/;

/**
 * One read or refusal, as the apps produce it to `coc.access-audit.v1` and ingest stores it in
 * `access_audit`. Who (the principal's key id, role and scope; never a key or token), from where,
 * through which route or socket event, about which units, KPIs and period, the `asOf` of the
 * figures served, and the outcome. A class so ingest validates it and the AsyncAPI document
 * describes it from the same rules.
 */
export class AccessAuditV1 {
  /** Random per entry: a redelivered entry replaces itself in ClickHouse. */
  @IsUUID()
  id!: string;

  /** When the call was answered. */
  @IsISO8601({ strict: true })
  at!: string;

  @Matches(/^[a-z][a-z0-9-]{0,39}$/)
  app!: string;

  @IsIn(AUDIT_CHANNELS)
  channel!: AuditChannel;

  /** The key id the caller authenticated with (a token names the key it came from); empty: none. */
  @IsString()
  @MaxLength(128)
  principalId!: string;

  @IsString()
  @MaxLength(16)
  role!: string;

  /** The roots of the principal's unit scope, ["*"] for all. */
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(16, { each: true })
  scope!: string[];

  /** The client address as the app saw it (behind a proxy: the proxy's, unless trust proxy is set). */
  @IsString()
  @MaxLength(64)
  address!: string;

  /** `GET /api/v1/units/:unitCode/kpis` (the route pattern, never the raw URL), or a socket event. */
  @IsString()
  @MaxLength(200)
  action!: string;

  @IsArray()
  @ArrayMaxSize(100)
  @Matches(UNIT_CODE_PATTERN, { each: true })
  unitCodes!: string[];

  @IsArray()
  @ArrayMaxSize(200)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  kpiIds!: string[];

  /** day, month, custom…, `live` for a wall screen's current periods; empty when none applies. */
  @IsString()
  @MaxLength(32)
  periodName!: string;

  @Matches(LOCAL_DAY_OR_EMPTY)
  periodFrom!: string;

  @Matches(LOCAL_DAY_OR_EMPTY)
  periodTo!: string;

  /** The as-of instant the response reported for its figures; empty when none were served. */
  @ValidateIf((entry: AccessAuditV1) => entry.asOf !== '')
  @IsISO8601({ strict: true })
  asOf!: string;

  @IsIn(AUDIT_OUTCOMES)
  outcome!: AuditOutcome;

  /** The HTTP status, or the one a socket refusal stands for. */
  @IsInt()
  @Min(0)
  @Max(999)
  status!: number;

  /** Why a call was refused, as the caller was told; empty when allowed. */
  @IsString()
  @MaxLength(300)
  detail!: string;
}

/** Far above any real entry (a few hundred bytes). */
const MAX_ENTRY_BYTES = 65_536;

export function parseAccessAudit(value: Buffer | null): ParsedContract<AccessAuditV1> {
  return parseContract(AccessAuditV1, value, { maxBytes: MAX_ENTRY_BYTES, noun: 'audit entry' });
}

/** The outcome a status stands for. */
export function auditOutcomeOf(status: number): AuditOutcome {
  if (status < 400) return 'allowed';
  if (status === 401 || status === 403 || status === 404 || status === 429) return `${status}`;
  return status < 500 ? '4xx' : '5xx';
}
