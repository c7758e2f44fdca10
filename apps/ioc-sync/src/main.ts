import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { useStructuredLogs } from '@libs/observability';
import { exitIfShutdownHangs, loadEnv } from '@libs/platform';
import { IocSyncEnv } from './ioc-sync.env';
import { IocSyncModule } from './ioc-sync.module';

async function bootstrap(): Promise<void> {
  const env = loadEnv(IocSyncEnv);
  const app = await NestFactory.create(IocSyncModule, { bufferLogs: true });
  useStructuredLogs(app);
  app.enableShutdownHooks();
  exitIfShutdownHangs(20_000);
  await app.listen(env.IOC_SYNC_PORT, '0.0.0.0');
}

bootstrap().catch((error: unknown) => {
  new Logger('ioc-sync').error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
