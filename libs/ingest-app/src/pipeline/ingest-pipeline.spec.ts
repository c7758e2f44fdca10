import {
  canonicalPayload,
  DEFAULT_STRUCTURAL_LIMITS,
  DossierReceived,
  exampleEnvelope,
  sourceTopic,
} from '@libs/contracts';
import { AdministrativeHierarchy, DEFAULT_UNIT_MAPPINGS_CSV, DEFAULT_UNITS_CSV } from '@libs/admin-units';
import type { IncomingRecord } from './ingest-record';
import { runIngestPipeline } from './ingest-pipeline';

const policy = {
  now: new Date('2026-11-23T03:00:00Z'),
  maxFutureSkewMs: 300_000,
  maxRecordBytes: 4096,
  limits: DEFAULT_STRUCTURAL_LIMITS,
  units: AdministrativeHierarchy.fromCsv(DEFAULT_UNITS_CSV, DEFAULT_UNIT_MAPPINGS_CSV),
};
const topic = sourceTopic('onestop');
let offset = 0;

function record(value: unknown, onTopic = topic): IncomingRecord {
  const bytes = typeof value === 'string' ? value : JSON.stringify(value);
  return { topic: onTopic, partition: 0, offset: String(offset++), key: null, value: Buffer.from(bytes) };
}

describe(runIngestPipeline.name, () => {
  it('stores valid events and rejects malformed ones around them, each with its own reason', () => {
    const valid = exampleEnvelope(DossierReceived);
    const sut = runIngestPipeline(
      [
        record(valid),
        record('{"eventId": '),
        record({ ...valid, eventId: 'second', payload: { ...valid.payload, channel: 'fax' } }),
        record('x'.repeat(5000)),
        record({ ...valid, eventId: 'third' }),
      ],
      policy,
    );
    expect(sut.rows.get('onestop')?.rows.map((r) => r.event_id)).toEqual([valid.eventId, 'third']);
    expect(sut.rejects.map((r) => [r.origin.offset, r.rejection.code])).toEqual([
      [expect.any(String), 'invalid_json'],
      [expect.any(String), 'invalid_payload'],
      [expect.any(String), 'too_large'],
    ]);
  });

  it('maps an event to a raw row with unix-second times and the payload as JSON', () => {
    const valid = exampleEnvelope(DossierReceived);
    const [row] = runIngestPipeline([record(valid)], policy).rows.get('onestop')?.rows ?? [];
    expect(row).toEqual({
      event_id: valid.eventId,
      type: 'onestop.dossier.received',
      schema_version: 1,
      unit_code: '26734',
      occurred_at: Date.parse('2026-11-23T01:15:00Z') / 1000,
      produced_at: Date.parse('2026-11-23T01:15:02Z') / 1000,
      ingested_at: policy.now.getTime() / 1000,
      payload: JSON.stringify(canonicalPayload(valid.payload)),
    });
  });

  it('rejects an event of a unit not in the hierarchy on its date, and stores the rest', () => {
    const valid = exampleEnvelope(DossierReceived);
    const sut = runIngestPipeline(
      [record({ ...valid, eventId: 'stray', unitCode: '99999' }), record({ ...valid, eventId: 'kept' })],
      policy,
    );
    expect(sut.rows.get('onestop')?.rows.map((r) => r.event_id)).toEqual(['kept']);
    expect(sut.rejects.map((r) => r.rejection)).toEqual([
      {
        code: 'unknown_unit',
        reason: 'unit 99999 is not in the administrative hierarchy valid at 2026-11-23',
      },
    ]);
    expect(sut.changes.map((c) => c.unitCode)).toEqual(['26734']);
  });

  it('rejects an event published on another source topic', () => {
    const sut = runIngestPipeline([record(exampleEnvelope(DossierReceived), sourceTopic('qlvb'))], policy);
    expect(sut.rejects[0].rejection).toEqual({
      code: 'source_mismatch',
      reason: 'a onestop event was published on the qlvb topic',
    });
  });

  it('announces one change per unit and source spanning the stored event times', () => {
    const a = exampleEnvelope(DossierReceived, { eventId: 'a', occurredAt: '2026-11-20T08:00:00+07:00' });
    const b = exampleEnvelope(DossierReceived, { eventId: 'b', occurredAt: '2026-11-22T08:00:00+07:00' });
    const c = exampleEnvelope(DossierReceived, { eventId: 'c', unitCode: '26740' });
    const sut = runIngestPipeline([record(a), record(b), record(c)], policy);
    expect(sut.changes).toEqual([
      {
        unitCode: '26734',
        source: 'onestop',
        types: ['onestop.dossier.received'],
        from: '2026-11-20T01:00:00.000Z',
        to: '2026-11-22T01:00:00.000Z',
        storedAt: policy.now.toISOString(),
      },
      {
        unitCode: '26740',
        source: 'onestop',
        types: ['onestop.dossier.received'],
        from: '2026-11-23T01:15:00.000Z',
        to: '2026-11-23T01:15:00.000Z',
        storedAt: policy.now.toISOString(),
      },
    ]);
  });
});
