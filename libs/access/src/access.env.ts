import { IsInt, IsOptional, IsString, Max, Min, MinLength } from 'class-validator';
import { EnvInt } from '@libs/platform';

export class AccessEnv {
  /** Inline JSON array of { id, sha256, role, units, sources? }: hashes of keys, never the keys. */
  @IsOptional()
  @IsString()
  COC_ACCESS_KEYS?: string;

  /** Path to a JSON file of the same shape as COC_ACCESS_KEYS. */
  @IsOptional()
  @IsString()
  COC_ACCESS_KEYS_FILE?: string;

  /** How old the cached keys of the shared store may get: a revoked key is refused within this delay. */
  @EnvInt()
  @IsInt()
  @Min(100)
  @Max(60_000)
  COC_ACCESS_KEY_REFRESH_MS = 5_000;

  /**
   * Signs the short-lived browser tokens; every gateway instance needs the same one (at least 32
   * characters). Unset: a random secret per process, so tokens only work on the instance that issued them.
   */
  @IsOptional()
  @IsString()
  @MinLength(32)
  COC_ACCESS_TOKEN_SECRET?: string;

  /** How long a browser token lives. */
  @EnvInt()
  @IsInt()
  @Min(30)
  @Max(86_400)
  COC_ACCESS_TOKEN_TTL_SECONDS = 900;
}
