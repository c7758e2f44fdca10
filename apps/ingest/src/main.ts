import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadEnv } from '@libs/platform';
import { IngestEnv } from './ingest.env';
import { IngestModule } from './ingest.module';

async function bootstrap(): Promise<void> {
  const env = loadEnv(IngestEnv);
  const app = await NestFactory.create(IngestModule);
  app.enableShutdownHooks();
  await app.listen(env.INGEST_HTTP_PORT, '0.0.0.0');
}

bootstrap().catch((error: unknown) => {
  new Logger('ingest').error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
