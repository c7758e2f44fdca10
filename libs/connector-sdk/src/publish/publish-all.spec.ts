import { DossierReceived, exampleEnvelope, type EventEnvelope } from '@libs/contracts';
import type { EventPublisher, PublishedBatch } from './event-publisher.port';
import { InvalidRecord } from './invalid-record';
import { publishAll, type PublishProgress } from './publish-all';

const now = new Date('2026-11-23T05:00:00Z');
const dossier = (n: number) => exampleEnvelope(DossierReceived, { eventId: `onestop-26734-HS${n}-received` });

/** Records every batch; refuses the event ids it is told to, as ingest's HTTP endpoint would. */
class FakePublisher implements EventPublisher {
  readonly batches: EventEnvelope<object>[][] = [];
  constructor(private readonly refuse: Set<string> = new Set()) {}
  publish(events: readonly EventEnvelope<object>[]): Promise<PublishedBatch> {
    this.batches.push([...events]);
    return Promise.resolve({
      rejected: events
        .map((e, index) => ({ index, reason: `duplicate_conflict: ${e.eventId}` }))
        .filter((r) => this.refuse.has(events[r.index].eventId)),
    });
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
}

describe(publishAll.name, () => {
  it('sends valid events in batches and reports invalid ones by position with the reason, never sending them', async () => {
    const badPayload = { ...dossier(3), payload: { ...dossier(3).payload, channel: 'fax' } };
    const records = [
      dossier(1),
      dossier(2),
      badPayload,
      new InvalidRecord('invalid_json: line 4 is not JSON'),
      dossier(5),
      'not an object',
    ];
    const mocks = { transport: new FakePublisher() };
    const progress: PublishProgress[] = [];

    const report = await publishAll(records, mocks.transport, {
      batchSize: 2,
      now: () => now,
      onProgress: (p) => progress.push(p),
    });

    expect(report.sent).toBe(3);
    expect(report.total).toBe(6);
    expect(report.rejected).toEqual([
      {
        index: 2,
        eventId: 'onestop-26734-HS3-received',
        reason: expect.stringMatching(/^invalid_payload: .*payload\.channel/),
      },
      { index: 3, reason: 'invalid_json: line 4 is not JSON' },
      { index: 5, reason: expect.stringMatching(/^invalid_envelope:/) },
    ]);
    expect(mocks.transport.batches.map((b) => b.map((e) => e.eventId))).toEqual([
      ['onestop-26734-HS1-received', 'onestop-26734-HS2-received'],
      [],
      ['onestop-26734-HS5-received'],
    ]);
    expect(progress.at(-1)).toEqual({ processed: 6, total: 6, sent: 3, rejected: 3 });
    expect(progress.map((p) => p.processed)).toEqual([2, 4, 6]);
  });

  it('refuses events dated in the future, as ingest would', async () => {
    const future = exampleEnvelope(DossierReceived, { occurredAt: '2026-11-23T13:00:00+07:00' });
    const report = await publishAll([future], new FakePublisher(), { now: () => now });
    expect(report.rejected[0].reason).toMatch(/^occurred_in_future/);
  });

  it('maps refusals from the other side back to input positions', async () => {
    const records = [dossier(1), { broken: true }, dossier(3), dossier(4)];
    const report = await publishAll(records, new FakePublisher(new Set(['onestop-26734-HS4-received'])), {
      batchSize: 10,
      now: () => now,
    });
    expect(report.sent).toBe(2);
    expect(report.rejected.map((r) => [r.index, r.reason.split(':')[0]])).toEqual([
      [1, 'invalid_envelope'],
      [3, 'duplicate_conflict'],
    ]);
  });

  it('lets a transport failure through, after what was already sent', async () => {
    const failing: EventPublisher = {
      publish: jest
        .fn()
        .mockResolvedValueOnce({ rejected: [] })
        .mockRejectedValueOnce(new Error('broker down')),
      close: () => Promise.resolve(),
    };
    await expect(
      publishAll([dossier(1), dossier(2)], failing, { batchSize: 1, now: () => now }),
    ).rejects.toThrow('broker down');
    expect(failing.publish).toHaveBeenCalledTimes(2);
  });
});
