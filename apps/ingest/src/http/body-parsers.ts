import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { NDJSON_MEDIA_TYPE } from './split-body';

interface BodyParserError {
  type?: unknown;
}

export function bodyTooLargeMessage(limit: number): string {
  return `the request body exceeds INGEST_HTTP_MAX_BODY_BYTES (${limit} bytes); split it into smaller requests`;
}

/**
 * The express body parsers answer an oversized body with a bare "request entity too large";
 * this names the limit instead, as JSON like every other error of the app.
 */
export function bodyTooLargeHandler(limit: number) {
  return (
    error: unknown,
    _req: IncomingMessage,
    res: ServerResponse,
    next: (error: unknown) => void,
  ): void => {
    const { type } = (error ?? {}) as BodyParserError;
    if (type !== 'entity.too.large') return next(error);
    res.statusCode = 413;
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.end(
      JSON.stringify({ statusCode: 413, error: 'Payload Too Large', message: bodyTooLargeMessage(limit) }),
    );
  };
}

/** One size limit for JSON and NDJSON bodies alike; call before the app initialises. */
export function useIngestBodyParsers(app: NestExpressApplication, limit: number): void {
  app.useBodyParser('json', { limit });
  app.useBodyParser('text', { type: NDJSON_MEDIA_TYPE, limit });
  app.use(bodyTooLargeHandler(limit));
}
