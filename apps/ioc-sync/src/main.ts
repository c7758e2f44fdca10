import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { IsInt, Max, Min } from 'class-validator';
import { EnvInt, loadEnv } from '@libs/platform';
import { IocSyncModule } from './ioc-sync.module';

class IocSyncEnv {
  @EnvInt()
  @IsInt()
  @Min(0)
  @Max(65535)
  IOC_SYNC_PORT = 3002;
}

async function bootstrap(): Promise<void> {
  const env = loadEnv(IocSyncEnv);
  const app = await NestFactory.create(IocSyncModule);
  app.enableShutdownHooks();
  await app.listen(env.IOC_SYNC_PORT, '0.0.0.0');
}

bootstrap().catch((error: unknown) => {
  new Logger('ioc-sync').error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
