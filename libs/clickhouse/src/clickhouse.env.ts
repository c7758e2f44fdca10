import { IsEmpty, IsInt, IsOptional, IsUrl, Matches, Max, Min, ValidateIf } from 'class-validator';
import { DataDirectoryEnv, EnvInt } from '@libs/platform';

const serverOnly = (name: string) =>
  `${name} applies to a ClickHouse server only: set CLICKHOUSE_URL too, or unset ${name} (the embedded store has no users)`;

/** The analytics store's configuration; COC_DATA_DIR (inherited) places the embedded engine's data. */
export class ClickHouseEnv extends DataDirectoryEnv {
  /**
   * The ClickHouse server's HTTP endpoint. Unset: the embedded engine (chDB) in this process, its
   * data in COC_DATA_DIR/analytics.
   */
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  CLICKHOUSE_URL?: string;

  @Matches(/^[A-Za-z_][A-Za-z0-9_]*$/, { message: 'CLICKHOUSE_DATABASE must be a plain identifier' })
  CLICKHOUSE_DATABASE = 'coc';

  /**
   * The server user (`default` when unset); coc-gateway's is read-only. Server only: the embedded
   * store has no users, so nothing keeps a reader from writing there.
   */
  @ValidateIf((env: ClickHouseEnv) => env.CLICKHOUSE_URL === undefined)
  @IsEmpty({ message: serverOnly('CLICKHOUSE_USER') })
  CLICKHOUSE_USER?: string;

  /** The server user's password. Server only. */
  @ValidateIf((env: ClickHouseEnv) => env.CLICKHOUSE_URL === undefined)
  @IsEmpty({ message: serverOnly('CLICKHOUSE_PASSWORD') })
  CLICKHOUSE_PASSWORD?: string;

  @EnvInt()
  @IsInt()
  @Min(1000)
  @Max(600_000)
  CLICKHOUSE_REQUEST_TIMEOUT_MS = 30_000;
}
