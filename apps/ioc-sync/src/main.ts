import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { startIocSync } from '@libs/ioc-sync-app';
import { exitIfShutdownHangs } from '@libs/platform';

exitIfShutdownHangs(20_000);
startIocSync()
  .then((app) => app.enableShutdownHooks())
  .catch((error: unknown) => {
    new Logger('ioc-sync').error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  });
