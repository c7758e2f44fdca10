import { Logger, Module } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { loadApiKeyConfig, type ApiKey } from './api-key-config';
import { API_KEYS, ApiKeyGuard } from './api-key.guard';
import { EVENT_PUBLISHER } from './event-publisher.port';
import { HttpIngestController } from './http-ingest.controller';
import { HttpIngestEnv } from './http-ingest.env';
import { HttpIngestService } from './http-ingest.service';
import { KafkaEventPublisher } from './kafka-event.publisher';

function apiKeys(env: HttpIngestEnv): ApiKey[] {
  const keys = loadApiKeyConfig(env, (path) => readFileSync(path, 'utf8'));
  const logger = new Logger('HttpIngest');
  if (keys.length === 0) logger.warn('HTTP ingest disabled: no INGEST_API_KEYS configured');
  else logger.log(`HTTP ingest enabled for API keys ${keys.map((k) => `${k.id} (${k.source})`).join(', ')}`);
  return keys;
}

/** POST /api/v1/events: envelopes over HTTP onto the source topics; KafkaModule and the env classes come from the app. */
@Module({
  controllers: [HttpIngestController],
  providers: [
    { provide: API_KEYS, useFactory: apiKeys, inject: [HttpIngestEnv] },
    { provide: EVENT_PUBLISHER, useClass: KafkaEventPublisher },
    ApiKeyGuard,
    HttpIngestService,
  ],
})
export class HttpIngestModule {}
