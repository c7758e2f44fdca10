import { IsInt, Max, Min } from 'class-validator';
import { EnvInt } from '@libs/platform';

export class IocSyncEnv {
  @EnvInt()
  @IsInt()
  @Min(0)
  @Max(65535)
  IOC_SYNC_PORT = 3002;
}
