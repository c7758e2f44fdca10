import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SECURE_APP_OPTIONS, secureHttpApp, useAuditTrail } from '@libs/access';
import { useStructuredLogs } from '@libs/observability';
import { exitIfShutdownHangs } from '@libs/platform';
import { OPERATOR_COMMANDS } from './housekeeping/operator-commands';
import { HttpIngestEnv } from './http/http-ingest.env';
import { NDJSON_MEDIA_TYPE } from './http/split-body';
import { IngestEnv } from './ingest.env';
import { IngestModule } from './ingest.module';

async function bootstrap(): Promise<void> {
  const app = await NestFactory.create<NestExpressApplication>(IngestModule, {
    ...SECURE_APP_OPTIONS,
    bufferLogs: true,
  });
  useStructuredLogs(app);
  const env = app.get(IngestEnv);
  // First, so every refused publisher and every reference-data load is audited, limits included.
  useAuditTrail(app);
  // Batches as JSON or NDJSON alike, bounded after decompression.
  secureHttpApp(app, [
    {
      path: '/api/v1/events',
      parse: 'json',
      limitBytes: app.get(HttpIngestEnv).INGEST_HTTP_MAX_BODY_BYTES,
      limitVariable: 'INGEST_HTTP_MAX_BODY_BYTES',
      textTypes: [NDJSON_MEDIA_TYPE],
    },
    // The reference-data upload reads its raw body itself, bounded at 32 MiB.
    { path: '/api/v1/admin/reference', parse: 'stream' },
  ]);
  app.enableShutdownHooks();
  exitIfShutdownHangs(20_000);
  await app.listen(env.INGEST_HTTP_PORT, '0.0.0.0');
}

/** No argument: the ingest service; otherwise one operator command (migrate, backup, restore, retention). */
function main(): Promise<void> {
  const [command, ...args] = process.argv.slice(2);
  if (command === undefined) return bootstrap();
  if (!Object.hasOwn(OPERATOR_COMMANDS, command))
    return Promise.reject(
      new Error(`unknown command ${command}; known: ${Object.keys(OPERATOR_COMMANDS).join(', ')}`),
    );
  return OPERATOR_COMMANDS[command](args);
}

main().catch((error: unknown) => {
  new Logger('ingest').error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
