import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Principal, ScopeHierarchy } from '@libs/access';
import { AdministrativeHierarchy } from '@libs/admin-units';
import { IngestEnv, recordPolicyOf } from '../ingest.env';
import type { UnitDirectory } from '../pipeline/steps/check-unit.step';
import { EVENT_PUBLISHER, type EventPublisher } from './event-publisher.port';
import { HttpIngestEnv } from './http-ingest.env';
import { planBatch, type IngestResponse } from './ingest-plan';
import { publishScopeOf } from './record-scope';
import { parseItem, splitBody } from './split-body';

export type IngestOutcome =
  | { kind: 'ingested'; response: IngestResponse }
  | { kind: 'refused'; status: 400 | 403 | 413 | 415; message: string; index?: number }
  | { kind: 'unavailable'; message: string; retryAfterSeconds: number };

class PublishTimeoutError extends Error {
  constructor(ms: number) {
    super(`no acknowledgement from Kafka within ${ms} ms`);
  }
}

/** One HTTP request end to end: split, check scope, validate, publish, and only then answer. */
@Injectable()
export class HttpIngestService {
  private readonly logger = new Logger(HttpIngestService.name);

  constructor(
    private readonly ingestEnv: IngestEnv,
    private readonly env: HttpIngestEnv,
    @Inject(EVENT_PUBLISHER) private readonly publisher: EventPublisher,
    @Inject(AdministrativeHierarchy) private readonly units: UnitDirectory & ScopeHierarchy,
  ) {}

  async ingest(key: Principal, contentType: string | undefined, body: unknown): Promise<IngestOutcome> {
    const split = splitBody(contentType, body);
    if (!split.ok) return { kind: 'refused', status: split.status, message: split.message };
    const max = this.env.INGEST_HTTP_MAX_RECORDS;
    if (split.items.length > max) {
      return {
        kind: 'refused',
        status: 413,
        message: `the request holds ${split.items.length} records; INGEST_HTTP_MAX_RECORDS allows ${max}; nothing was published`,
      };
    }
    const plan = planBatch(split.items.map(parseItem), publishScopeOf(key, this.units), {
      ...recordPolicyOf(this.ingestEnv),
      now: new Date(),
      units: this.units,
    });
    if (plan.kind === 'forbidden') {
      this.logger.warn(`API key ${key.id} refused: ${plan.violation.message}`);
      return { kind: 'refused', status: 403, ...plan.violation };
    }
    try {
      await this.publishWithin(plan.events, this.env.INGEST_HTTP_PUBLISH_TIMEOUT_MS);
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      this.logger.error(`API key ${key.id}: publishing ${plan.events.length} events failed: ${why}`);
      return {
        kind: 'unavailable',
        message: `Kafka did not acknowledge the events (${why}); none is reported accepted: send the whole request again, which is safe since events are stored once per eventId`,
        retryAfterSeconds: this.env.INGEST_HTTP_RETRY_AFTER_SECONDS,
      };
    }
    const { accepted, rejected } = plan.response;
    this.logger.debug(`API key ${key.id}: accepted ${accepted}, rejected ${rejected}`);
    return { kind: 'ingested', response: plan.response };
  }

  /**
   * Part of a batch may reach Kafka before a later chunk fails, and a send may still complete
   * after the timeout; both are harmless, since the client resends and storage dedupes by eventId.
   */
  private async publishWithin(events: Parameters<EventPublisher['publish']>[0], ms: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    let timedOut = false;
    const sending = this.publisher.publish(events);
    sending.catch((error: unknown) => {
      if (timedOut) this.logger.warn(`a publish that timed out failed later: ${String(error)}`);
    });
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        timedOut = true;
        reject(new PublishTimeoutError(ms));
      }, ms);
    });
    try {
      await Promise.race([sending, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
