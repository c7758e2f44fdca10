import type { INestApplication } from '@nestjs/common';
import { Logger } from 'nestjs-pino';

/** Routes Nest's logger (every `new Logger(...)` in the code) to pino; call right after create. */
export function useStructuredLogs(app: INestApplication): void {
  app.useLogger(app.get(Logger));
  app.flushLogs();
}
