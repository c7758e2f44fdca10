import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { join } from 'node:path';
import { startGateway } from '@libs/coc-gateway-app';
import { exitIfShutdownHangs } from '@libs/platform';

exitIfShutdownHangs(20_000);
startGateway(join(__dirname, 'screen'))
  .then((app) => app.enableShutdownHooks())
  .catch((error: unknown) => {
    new Logger('coc-gateway').error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  });
