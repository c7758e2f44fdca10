import type { EventEnvelope } from '@libs/contracts';
import { backoffDelay } from '@libs/platform';
import type { BatchRejection, EventPublisher, PublishedBatch } from './event-publisher.port';

export const INGEST_EVENTS_PATH = '/api/v1/events';

export interface HttpTransportOptions {
  /** Base URL of the ingest app (e.g. https://coc.example.vn), or the full events endpoint URL. */
  url: string;
  apiKey: string;
  /** Attempts per batch, the first included, before a retryable failure becomes final. */
  maxAttempts?: number;
  retryInitialMs?: number;
  retryMaxMs?: number;
  /** A request that has not answered by then is abandoned and retried. */
  requestTimeoutMs?: number;
  /** Told about every retry, so that a waiting operator sees why nothing moves. */
  onRetry?: (info: { attempt: number; delayMs: number; reason: string }) => void;
}

/** What the ingest endpoint answers for a batch it has read. */
export interface IngestResponse {
  accepted: number;
  rejected: number;
  results: { index: number; eventId?: string; status: string; code?: string; reason?: string }[];
}

/** A final failure: retrying the same request cannot succeed (bad key, forbidden unit, too large…). */
export class HttpTransportError extends Error {
  constructor(
    readonly status: number | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'HttpTransportError';
  }
}

/** Unavailable or overloaded, per RFC 9110: the same request may succeed later. */
const RETRYABLE_STATUSES = new Set([429, 502, 503, 504]);
const MAX_MESSAGE_CHARS = 500;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function eventsEndpoint(url: string): string {
  const base = url.replace(/\/+$/, '');
  return base.endsWith(INGEST_EVENTS_PATH) ? base : `${base}${INGEST_EVENTS_PATH}`;
}

/** The server's own words: Nest's `{ message }` (string or list), else the body text, shortened. */
function serverMessage(body: string): string {
  try {
    const parsed = JSON.parse(body) as { message?: unknown; error?: unknown };
    const message = Array.isArray(parsed.message) ? parsed.message.join('; ') : parsed.message;
    if (typeof message === 'string' && message.length > 0) return message;
    if (typeof parsed.error === 'string') return parsed.error;
  } catch {
    // not JSON: the text itself is the message
  }
  return body.length > MAX_MESSAGE_CHARS ? `${body.slice(0, MAX_MESSAGE_CHARS)}…` : body || '(empty body)';
}

function parseIngestResponse(body: string, batchSize: number): IngestResponse {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new HttpTransportError(
      undefined,
      `ingest answered with a body that is not JSON: ${serverMessage(body)}`,
    );
  }
  const response = parsed as Partial<IngestResponse>;
  if (
    typeof response.accepted !== 'number' ||
    typeof response.rejected !== 'number' ||
    !Array.isArray(response.results) ||
    response.accepted + response.rejected !== batchSize
  ) {
    throw new HttpTransportError(
      undefined,
      `ingest answered ${serverMessage(body)} for a batch of ${batchSize}; expected {accepted, rejected, results} adding up to it`,
    );
  }
  return response as IngestResponse;
}

function rejectionsOf(response: IngestResponse): BatchRejection[] {
  return response.results
    .filter((r) => r.status === 'rejected')
    .map((r) => ({
      index: r.index,
      reason: [r.code, r.reason].filter((part) => part !== undefined && part !== '').join(': ') || 'rejected',
    }));
}

function retryAfterMs(header: string | null): number | undefined {
  if (header === null) return undefined;
  const seconds = Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}

/**
 * Posts batches as NDJSON to ingest's HTTP endpoint, for connectors that cannot reach Kafka.
 * Unavailability (503, 429 and gateway errors, network failures, timeouts) is retried with capped
 * exponential back-off, honouring Retry-After up to the cap; everything else fails at once.
 */
export class HttpTransport implements EventPublisher {
  private readonly endpoint: string;
  private readonly maxAttempts: number;
  private readonly retryInitialMs: number;
  private readonly retryMaxMs: number;
  private readonly requestTimeoutMs: number;

  constructor(private readonly options: HttpTransportOptions) {
    this.endpoint = eventsEndpoint(options.url);
    this.maxAttempts = options.maxAttempts ?? 8;
    this.retryInitialMs = options.retryInitialMs ?? 500;
    this.retryMaxMs = options.retryMaxMs ?? 15_000;
    this.requestTimeoutMs = options.requestTimeoutMs ?? 60_000;
  }

  async publish(events: readonly EventEnvelope<object>[]): Promise<PublishedBatch> {
    if (events.length === 0) return { rejected: [] };
    const body = `${events.map((e) => JSON.stringify(e)).join('\n')}\n`;
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.post(body);
      if (outcome.ok) return { rejected: rejectionsOf(parseIngestResponse(outcome.body, events.length)) };
      if (attempt >= this.maxAttempts) {
        throw new HttpTransportError(
          outcome.status,
          `ingest unavailable after ${attempt} attempts: ${outcome.reason}`,
        );
      }
      const backoff = backoffDelay(attempt, this.retryInitialMs, this.retryMaxMs);
      const delayMs = Math.min(this.retryMaxMs, Math.max(backoff, outcome.retryAfterMs ?? 0));
      this.options.onRetry?.({ attempt, delayMs, reason: outcome.reason });
      await sleep(delayMs);
    }
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  /** One request: a success body, a retryable failure, or a thrown final error. */
  private async post(
    body: string,
  ): Promise<
    { ok: true; body: string } | { ok: false; status?: number; reason: string; retryAfterMs?: number }
  > {
    let res: Response;
    let text: string;
    try {
      res = await fetch(this.endpoint, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-ndjson',
          authorization: `Bearer ${this.options.apiKey}`,
        },
        body,
        signal: AbortSignal.timeout(this.requestTimeoutMs),
      });
      text = await res.text();
    } catch (error) {
      const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
      return { ok: false, reason: `${error instanceof Error ? error.message : String(error)}${cause}` };
    }
    if (res.ok) return { ok: true, body: text };
    if (RETRYABLE_STATUSES.has(res.status)) {
      return {
        ok: false,
        status: res.status,
        reason: `HTTP ${res.status}: ${serverMessage(text)}`,
        retryAfterMs: retryAfterMs(res.headers.get('retry-after')),
      };
    }
    throw new HttpTransportError(
      res.status,
      `ingest refused the batch (HTTP ${res.status}): ${serverMessage(text)}`,
    );
  }
}
