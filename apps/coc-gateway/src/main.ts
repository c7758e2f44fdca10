import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { startGateway } from '@libs/coc-gateway-app';
import { exitIfShutdownHangs } from '@libs/platform';

// A gateway's memory goes to thousands of screens, and its heap otherwise grows to several times what
// they hold before collecting the garbage of their recomputations: V8 favours size over speed here.
setFlagsFromString('--optimize-for-size');
exitIfShutdownHangs(20_000);
startGateway(join(__dirname, 'screen'))
  .then((app) => app.enableShutdownHooks())
  .catch((error: unknown) => {
    new Logger('coc-gateway').error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  });
