import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DossierReceived, exampleEnvelope } from '@libs/contracts';
import { HttpTransport, HttpTransportError, eventsEndpoint } from './http.transport';

interface Seen {
  method?: string;
  url?: string;
  headers: IncomingMessage['headers'];
  lines: unknown[];
}
type Reply = (res: ServerResponse, seen: Seen) => void;

const json =
  (status: number, body: unknown, headers: Record<string, string> = {}): Reply =>
  (res) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };
/** Drops the connection without answering: what a crashed or unreachable server looks like. */
const hangUp: Reply = (res) => res.socket?.destroy();

/** A tiny stand-in for ingest's /api/v1/events: answers with the scripted replies, in order. */
async function fakeIngest(replies: Reply[]): Promise<{ url: string; seen: Seen[]; server: Server }> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const s: Seen = {
        method: req.method,
        url: req.url,
        headers: req.headers,
        lines: body
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l) as unknown),
      };
      seen.push(s);
      const reply = replies[seen.length - 1] ?? json(500, { message: 'unexpected request' });
      reply(res, s);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, server };
}

const events = [1, 2, 3].map((n) =>
  exampleEnvelope(DossierReceived, { eventId: `onestop-26734-HS${n}-received` }),
);
const fast = { retryInitialMs: 5, retryMaxMs: 20 };

describe(HttpTransport.name, () => {
  let server: Server | undefined;
  afterEach(async () => {
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    server = undefined;
  });

  it('posts one NDJSON batch with the bearer key and returns the refusals by index', async () => {
    const fake = await fakeIngest([
      json(200, {
        accepted: 2,
        rejected: 1,
        results: [
          { index: 0, eventId: events[0].eventId, status: 'accepted' },
          {
            index: 1,
            eventId: events[1].eventId,
            status: 'rejected',
            code: 'source_mismatch',
            reason: 'unit 26734 not allowed for this key',
          },
          { index: 2, eventId: events[2].eventId, status: 'accepted' },
        ],
      }),
    ]);
    server = fake.server;
    const sut = new HttpTransport({ url: `${fake.url}/`, apiKey: 'k-123', ...fast });

    const outcome = await sut.publish(events);

    expect(outcome.rejected).toEqual([
      { index: 1, reason: 'source_mismatch: unit 26734 not allowed for this key' },
    ]);
    expect(fake.seen).toHaveLength(1);
    expect(fake.seen[0]).toMatchObject({ method: 'POST', url: '/api/v1/events' });
    expect(fake.seen[0].headers.authorization).toBe('Bearer k-123');
    expect(fake.seen[0].headers['content-type']).toBe('application/x-ndjson');
    expect(fake.seen[0].lines).toEqual(events);
  });

  it('retries 503 and dropped connections with back-off, then succeeds', async () => {
    const ok = json(200, {
      accepted: 3,
      rejected: 0,
      results: events.map((e, index) => ({ index, status: 'accepted' })),
    });
    const fake = await fakeIngest([
      json(503, { message: 'Kafka unavailable' }, { 'retry-after': '0' }),
      hangUp,
      ok,
    ]);
    server = fake.server;
    const retries: string[] = [];
    const sut = new HttpTransport({
      url: fake.url,
      apiKey: 'k',
      ...fast,
      onRetry: (r) => retries.push(r.reason),
    });

    await expect(sut.publish(events)).resolves.toEqual({ rejected: [] });

    expect(fake.seen).toHaveLength(3);
    expect(retries[0]).toBe('HTTP 503: Kafka unavailable');
    expect(retries).toHaveLength(2);
  });

  it('gives up after the last attempt with the last reason', async () => {
    const unavailable = json(503, { message: 'Kafka unavailable' });
    const fake = await fakeIngest([unavailable, unavailable, unavailable]);
    server = fake.server;
    const sut = new HttpTransport({ url: fake.url, apiKey: 'k', ...fast, maxAttempts: 3 });

    await expect(sut.publish(events)).rejects.toThrow(
      'ingest unavailable after 3 attempts: HTTP 503: Kafka unavailable',
    );
    expect(fake.seen).toHaveLength(3);
  });

  it.each([
    [401, { statusCode: 401, message: 'API key not recognised' }, 'API key not recognised'],
    [
      403,
      { statusCode: 403, message: ['unit 26735 is not allowed for this key'] },
      'unit 26735 is not allowed',
    ],
    [413, { statusCode: 413, message: 'at most 5000 records per request' }, 'at most 5000 records'],
  ])('fails at once on HTTP %i with the server message', async (status, body, message) => {
    const fake = await fakeIngest([json(status, body), json(200, {})]);
    server = fake.server;
    const sut = new HttpTransport({ url: fake.url, apiKey: 'k', ...fast });

    const error = await sut.publish(events).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(HttpTransportError);
    expect((error as HttpTransportError).status).toBe(status);
    expect((error as Error).message).toContain(message);
    expect(fake.seen).toHaveLength(1);
  });

  it('refuses an answer that does not account for the batch', async () => {
    const fake = await fakeIngest([json(200, { accepted: 1, rejected: 0, results: [] })]);
    server = fake.server;
    await expect(new HttpTransport({ url: fake.url, apiKey: 'k', ...fast }).publish(events)).rejects.toThrow(
      /expected \{accepted, rejected, results\}/,
    );
  });

  it('accepts a base URL or the full endpoint', () => {
    expect(eventsEndpoint('https://coc.example.vn/ingest/')).toBe(
      'https://coc.example.vn/ingest/api/v1/events',
    );
    expect(eventsEndpoint('http://h:3001/api/v1/events')).toBe('http://h:3001/api/v1/events');
  });
});
