import { DossierReceived, exampleEnvelope } from '@libs/contracts';
import { IngestEnv } from '../ingest.env';
import type { Principal } from '@libs/access';
import type { EventPublisher, OutgoingEvent } from './event-publisher.port';
import { HttpIngestEnv } from './http-ingest.env';
import { HttpIngestService } from './http-ingest.service';

const key: Principal = { id: 'portal', role: 'connector', sources: ['onestop'], units: 'all' };
const recent = () => new Date(Date.now() - 60_000).toISOString();
const dossier = (eventId: string, unitCode = '26734') =>
  exampleEnvelope(DossierReceived, { eventId, unitCode, occurredAt: recent() });

class FakePublisher implements EventPublisher {
  readonly published: OutgoingEvent[][] = [];
  behaviour: 'ack' | 'fail' | 'hang' = 'ack';

  publish(events: readonly OutgoingEvent[]): Promise<void> {
    if (this.behaviour === 'fail') return Promise.reject(new Error('broker down'));
    if (this.behaviour === 'hang') return new Promise(() => undefined);
    this.published.push([...events]);
    return Promise.resolve();
  }
}

describe(HttpIngestService.name, () => {
  let mocks: { publisher: FakePublisher };
  let sut: HttpIngestService;

  beforeEach(() => {
    mocks = { publisher: new FakePublisher() };
    const env = Object.assign(new HttpIngestEnv(), {
      INGEST_HTTP_MAX_RECORDS: 3,
      INGEST_HTTP_PUBLISH_TIMEOUT_MS: 100,
      INGEST_HTTP_RETRY_AFTER_SECONDS: 7,
    });
    const everyUnitKnown = { isKnownUnit: () => true, unitAt: () => undefined, ancestorsOf: () => [] };
    sut = new HttpIngestService(new IngestEnv(), env, mocks.publisher, everyUnitKnown);
  });

  it('publishes the valid records of an NDJSON body and answers per record', async () => {
    const body = `${JSON.stringify(dossier('a'))}\n\nnot json\n${JSON.stringify(dossier('b', '26737'))}\n`;
    const outcome = await sut.ingest(key, 'application/x-ndjson', body);
    expect(outcome).toMatchObject({ kind: 'ingested', response: { accepted: 2, rejected: 1 } });
    expect(mocks.publisher.published).toHaveLength(1);
    expect(mocks.publisher.published[0].map((e) => [e.eventId, e.unitCode])).toEqual([
      ['a', '26734'],
      ['b', '26737'],
    ]);
  });

  it('refuses more records than INGEST_HTTP_MAX_RECORDS with 413, publishing nothing', async () => {
    const outcome = await sut.ingest(
      key,
      'application/json',
      ['a', 'b', 'c', 'd'].map((id) => dossier(id)),
    );
    expect(outcome).toMatchObject({ kind: 'refused', status: 413 });
    expect(outcome.kind === 'refused' && outcome.message).toContain('INGEST_HTTP_MAX_RECORDS allows 3');
    expect(mocks.publisher.published).toEqual([]);
  });

  it('refuses a record outside the key with 403 naming its index, publishing nothing', async () => {
    const outcome = await sut.ingest(key, 'application/json', [
      dossier('a'),
      { ...dossier('b'), source: 'qlvb' },
    ]);
    expect(outcome).toMatchObject({ kind: 'refused', status: 403, index: 1 });
    expect(mocks.publisher.published).toEqual([]);
  });

  it.each([
    ['a bad media type', 'text/plain', 'x', 415],
    ['a JSON object instead of an array', 'application/json', dossier('a'), 400],
  ])('refuses %s', async (_label, contentType, body, status) => {
    expect(await sut.ingest(key, contentType, body)).toMatchObject({ kind: 'refused', status });
  });

  it('answers unavailable with Retry-After when Kafka fails, reporting nothing accepted', async () => {
    mocks.publisher.behaviour = 'fail';
    const outcome = await sut.ingest(key, 'application/json', [dossier('a')]);
    expect(outcome).toEqual({
      kind: 'unavailable',
      message: expect.stringContaining('broker down'),
      retryAfterSeconds: 7,
    });
  });

  it('answers unavailable when Kafka does not acknowledge in time', async () => {
    mocks.publisher.behaviour = 'hang';
    const outcome = await sut.ingest(key, 'application/json', [dossier('a')]);
    expect(outcome).toMatchObject({ kind: 'unavailable', message: expect.stringContaining('within 100 ms') });
  });
});
