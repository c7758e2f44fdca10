import {
  Body,
  Controller,
  Headers,
  HttpCode,
  HttpException,
  Post,
  Res,
  ServiceUnavailableException,
} from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import { Allow, CurrentPrincipal, type Principal } from '@libs/access';
import { HttpIngestService } from './http-ingest.service';
import type { IngestResponse } from './ingest-plan';

const ERROR_NAMES = {
  400: 'Bad Request',
  403: 'Forbidden',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
} as const;

/** For source systems that cannot speak Kafka: the same envelopes, over HTTP, onto the same topics. */
@Controller('api/v1')
export class HttpIngestController {
  constructor(private readonly service: HttpIngestService) {}

  /**
   * Body: a JSON array of envelopes (application/json) or one envelope per line
   * (application/x-ndjson). 200 once Kafka acknowledged every accepted record, with one result
   * per record in request order. Idempotent by eventId: re-sending a batch is safe, since
   * storage keeps one row per eventId, and both answers say accepted.
   */
  @Post('events')
  @HttpCode(200)
  @Allow('connector')
  async ingest(
    @CurrentPrincipal() key: Principal,
    @Headers('content-type') contentType: string | undefined,
    @Body() body: unknown,
    @Res({ passthrough: true }) response: ServerResponse,
  ): Promise<IngestResponse> {
    const outcome = await this.service.ingest(key, contentType, body);
    switch (outcome.kind) {
      case 'ingested':
        return outcome.response;
      case 'refused': {
        const { status, message, index } = outcome;
        throw new HttpException(
          {
            statusCode: status,
            error: ERROR_NAMES[status],
            message,
            ...(index === undefined ? {} : { index }),
          },
          status,
        );
      }
      case 'unavailable':
        response.setHeader('Retry-After', String(outcome.retryAfterSeconds));
        throw new ServiceUnavailableException(outcome.message);
    }
  }
}
