import { IsInt, IsString, Matches, Max, Min } from 'class-validator';
import { hostname } from 'node:os';
import { EnvInt } from '@libs/platform';

export class GatewayEnv {
  @EnvInt()
  @IsInt()
  @Min(0)
  @Max(65535)
  COC_GATEWAY_PORT = 3000;

  /** Each instance reads every change notice, so each has its own consumer group. */
  @IsString()
  @Matches(/^[A-Za-z0-9._-]+$/, { message: 'COC_GATEWAY_INSTANCE_ID may use letters, digits, . _ -' })
  COC_GATEWAY_INSTANCE_ID = `${hostname()}-${process.pid}`;
}
