import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { useStructuredLogs } from '@libs/observability';
import { exitIfShutdownHangs, loadEnv } from '@libs/platform';
import { useIngestBodyParsers } from './http/body-parsers';
import { HttpIngestEnv } from './http/http-ingest.env';
import { IngestEnv } from './ingest.env';
import { IngestModule } from './ingest.module';

async function bootstrap(): Promise<void> {
  const env = loadEnv(IngestEnv);
  const httpEnv = loadEnv(HttpIngestEnv);
  const app = await NestFactory.create<NestExpressApplication>(IngestModule, { bufferLogs: true });
  useStructuredLogs(app);
  useIngestBodyParsers(app, httpEnv.INGEST_HTTP_MAX_BODY_BYTES);
  app.enableShutdownHooks();
  exitIfShutdownHangs(20_000);
  await app.listen(env.INGEST_HTTP_PORT, '0.0.0.0');
}

bootstrap().catch((error: unknown) => {
  new Logger('ingest').error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
