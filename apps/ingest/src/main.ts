import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { ClickHouseModule } from '@libs/clickhouse';
import { exitIfShutdownHangs } from '@libs/platform';
import { useIngestBodyParsers } from './http/body-parsers';
import { HttpIngestEnv } from './http/http-ingest.env';
import { IngestEnv } from './ingest.env';
import { IngestModule } from './ingest.module';

/** `main.js migrate` (npm run migrate): applies the schema migrations and exits, serving nothing. */
async function migrateOnly(): Promise<void> {
  const context = await NestFactory.createApplicationContext(ClickHouseModule.withMigrations());
  await context.close();
}

async function bootstrap(): Promise<void> {
  const app = await NestFactory.create<NestExpressApplication>(IngestModule);
  const env = app.get(IngestEnv);
  const httpEnv = app.get(HttpIngestEnv);
  useIngestBodyParsers(app, httpEnv.INGEST_HTTP_MAX_BODY_BYTES);
  app.enableShutdownHooks();
  exitIfShutdownHangs(20_000);
  await app.listen(env.INGEST_HTTP_PORT, '0.0.0.0');
}

(process.argv[2] === 'migrate' ? migrateOnly() : bootstrap()).catch((error: unknown) => {
  new Logger('ingest').error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
