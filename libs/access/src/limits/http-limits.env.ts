import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { EnvInt, EnvList } from '@libs/platform';

/**
 * The limits every HTTP app applies (rate, body size, CORS, proxy trust) and the socket message
 * budget. Rate and body defaults differ per app (ingest's connector route takes more), so unset
 * ones stay undefined here and the app's defaults fill them (see httpLimitsOf).
 */
export class HttpLimitsEnv {
  /** The rate limits' window. */
  @EnvInt()
  @IsInt()
  @Min(1)
  @Max(3_600)
  COC_RATE_LIMIT_WINDOW_SECONDS = 60;

  /** Requests per window of one authenticated principal (key), over all its routes (unset: 1200; ingest 6000). */
  @IsOptional()
  @EnvInt()
  @IsInt()
  @Min(1)
  COC_RATE_LIMIT_PER_PRINCIPAL?: number;

  /** Requests per window from one client address, authenticated or not (unset: 6000; screens may share a NAT). */
  @IsOptional()
  @EnvInt()
  @IsInt()
  @Min(1)
  COC_RATE_LIMIT_PER_ADDRESS?: number;

  /** Requests per window from one address without a valid credential: public routes, refusals (unset: 600). */
  @IsOptional()
  @EnvInt()
  @IsInt()
  @Min(1)
  COC_RATE_LIMIT_ANONYMOUS_PER_ADDRESS?: number;

  /** Largest body of a route without its own limit; larger gets 413 (unset: 65536). */
  @IsOptional()
  @EnvInt()
  @IsInt()
  @Min(1_024)
  COC_HTTP_MAX_BODY_BYTES?: number;

  /**
   * Browser origins allowed to call the API and open sockets (comma-separated, e.g.
   * `https://ioc.dongnai.gov.vn`). Empty: same-origin only.
   */
  @EnvList()
  @IsString({ each: true })
  @Matches(/^https?:\/\/[^/\s]+$/, {
    each: true,
    message: 'COC_CORS_ORIGINS must list origins like https://host[:port], without a path',
  })
  COC_CORS_ORIGINS: string[] = [];

  /** Proxies in front of the app whose X-Forwarded-For is trusted for the client address (0: none). */
  @EnvInt()
  @IsInt()
  @Min(0)
  @Max(10)
  COC_TRUST_PROXY_HOPS = 0;

  /** Messages (subscribe, …) one socket may send per minute; more are refused until the minute ends. */
  @EnvInt()
  @IsInt()
  @Min(1)
  COC_SOCKET_MESSAGES_PER_MINUTE = 60;
}
