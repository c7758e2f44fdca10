import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SECURE_APP_OPTIONS, secureHttpApp, useAuditTrail } from '@libs/access';
import { useStructuredLogs } from '@libs/observability';
import { OPERATOR_COMMANDS } from './housekeeping/operator-commands';
import { HttpIngestEnv } from './http/http-ingest.env';
import { NDJSON_MEDIA_TYPE } from './http/split-body';
import { IngestEnv } from './ingest.env';
import { IngestModule } from './ingest.module';

/** Starts the ingest service (Kafka consumers and the HTTP publishing API) and listens on INGEST_HTTP_PORT. */
export async function startIngest(): Promise<NestExpressApplication> {
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
  await app.listen(env.INGEST_HTTP_PORT, '0.0.0.0');
  return app;
}

/** One operator command (migrate, backup, restore, retention) with its arguments. */
export function runOperatorCommand(command: string, args: string[]): Promise<void> {
  if (!Object.hasOwn(OPERATOR_COMMANDS, command))
    return Promise.reject(
      new Error(`unknown command ${command}; known: ${Object.keys(OPERATOR_COMMANDS).join(', ')}`),
    );
  return OPERATOR_COMMANDS[command](args);
}
