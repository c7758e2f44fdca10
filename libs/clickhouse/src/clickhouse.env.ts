import { IsInt, IsString, IsUrl, Matches, Max, Min } from 'class-validator';
import { EnvInt } from '@libs/platform';

export class ClickHouseEnv {
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  CLICKHOUSE_URL = 'http://127.0.0.1:18123';

  @Matches(/^[A-Za-z_][A-Za-z0-9_]*$/, { message: 'CLICKHOUSE_DATABASE must be a plain identifier' })
  CLICKHOUSE_DATABASE = 'coc';

  @IsString()
  CLICKHOUSE_USER = 'default';

  @IsString()
  CLICKHOUSE_PASSWORD = '';

  @EnvInt()
  @IsInt()
  @Min(1000)
  @Max(600_000)
  CLICKHOUSE_REQUEST_TIMEOUT_MS = 30_000;
}
