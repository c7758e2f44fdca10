import {
  DossierReceived,
  exampleEnvelope,
  sourceTopic,
  type KpiInputsChanged,
  type SourceId,
} from '@libs/contracts';
import { AdministrativeHierarchy, DEFAULT_UNIT_MAPPINGS_CSV, DEFAULT_UNITS_CSV } from '@libs/admin-units';
import type { KpiInputRow } from '@libs/kpi';
import { Logger } from '@nestjs/common';
import { Counter, Registry } from 'prom-client';
import { IngestEnv } from './ingest.env';
import { IngestService } from './ingest.service';
import type { IncomingRecord, RejectedRecord } from './pipeline/ingest-record';
import type { RawEventRow } from './pipeline/steps/to-raw-event-row.step';
import type { ChangeAnnouncer, DeadLetterPublisher, EventStore } from './ports/ingest-sinks.port';
import { StorageRejectedError } from './ports/storage-rejected.error';

/** Refuses, like ClickHouse with a narrow column, any insert holding a payload over 200 bytes. */
class FakeStore implements EventStore {
  readonly events = new Map<string, RawEventRow>();
  readonly rejects: RejectedRecord[] = [];
  readonly kpiInputs: KpiInputRow[] = [];
  inserts = 0;
  down = false;

  insertEvents(_source: SourceId, rows: RawEventRow[]): Promise<void> {
    this.inserts++;
    if (this.down) return Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:8123'));
    const wide = rows.find((r) => r.payload.length > 200);
    if (wide)
      return Promise.reject(
        new StorageRejectedError('Too large value for FixedString(200)', 'clickhouse:131'),
      );
    rows.forEach((r) => this.events.set(r.event_id, r));
    return Promise.resolve();
  }

  insertRejects(rejects: RejectedRecord[]): Promise<void> {
    this.rejects.push(...rejects);
    return Promise.resolve();
  }

  insertKpiInputs(rows: KpiInputRow[]): Promise<void> {
    this.kpiInputs.push(...rows);
    return Promise.resolve();
  }
}

class FakeDlq implements DeadLetterPublisher {
  readonly published: RejectedRecord[] = [];
  publish(rejects: RejectedRecord[]): Promise<void> {
    this.published.push(...rejects);
    return Promise.resolve();
  }
}

class FakeAnnouncer implements ChangeAnnouncer {
  announce(_changes: KpiInputsChanged[]): Promise<void> {
    return Promise.resolve();
  }
}

const topic = sourceTopic('onestop');
const record = (offset: number, value: unknown): IncomingRecord => ({
  topic,
  partition: 1,
  offset: String(offset),
  key: null,
  value: Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)),
});
const dossier = (eventId: string, extra: object = {}) => {
  const e = exampleEnvelope(DossierReceived, { eventId });
  return { ...e, payload: { ...e.payload, ...extra } };
};

function setUp() {
  const store = new FakeStore();
  const dlq = new FakeDlq();
  const units = AdministrativeHierarchy.fromCsv(DEFAULT_UNITS_CSV, DEFAULT_UNIT_MAPPINGS_CSV);
  const registers = [new Registry()];
  const stored = new Counter({ name: 'stored', help: 'stored', labelNames: ['source'], registers });
  const rejected = new Counter({ name: 'rejected', help: 'rejected', labelNames: ['code'], registers });
  const sut = new IngestService(new IngestEnv(), store, dlq, new FakeAnnouncer(), units, stored, rejected);
  const count = async (counter: Counter, label: string): Promise<Record<string, number>> =>
    Object.fromEntries((await counter.get()).values.map((v) => [String(v.labels[label]), v.value]));
  return {
    store,
    dlq,
    sut,
    counted: async () => ({ stored: await count(stored, 'source'), rejected: await count(rejected, 'code') }),
  };
}

describe(IngestService.name, () => {
  it('dead-letters a record the store refuses as storage_rejected and stores the rest of the batch', async () => {
    const { store, dlq, sut, counted } = setUp();
    const records = [
      ...Array.from({ length: 40 }, (_, i) => record(i, dossier(`ok-${i}`))),
      record(40, dossier('poison', { dossierId: 'x'.repeat(64), procedureCode: 'y'.repeat(32) })),
      record(41, '{"not": json'),
      ...Array.from({ length: 40 }, (_, i) => record(42 + i, dossier(`after-${i}`))),
    ];
    const outcome = await sut.handleBatch(records);

    expect(outcome).toMatchObject({ stored: 80, rejected: 2 });
    expect(store.events.size).toBe(80);
    expect(store.events.has('poison')).toBe(false);
    expect(store.events.has('after-39')).toBe(true);
    expect(await counted()).toEqual({
      stored: { onestop: 80 },
      rejected: { storage_rejected: 1, invalid_json: 1 },
    });
    const refusal = {
      origin: { topic, partition: 1, offset: '40' },
      key: null,
      value: records[40].value,
      rejection: {
        code: 'storage_rejected',
        reason: 'the store refused the event (clickhouse:131): Too large value for FixedString(200)',
      },
      eventId: 'poison',
      unitCode: dossier('poison').unitCode,
    };
    expect(dlq.published).toEqual([
      expect.objectContaining({ rejection: expect.objectContaining({ code: 'invalid_json' }) }),
      refusal,
    ]);
    expect(store.rejects).toEqual(dlq.published);
    const rolledUp = new Set(store.kpiInputs.map((r) => r.event_id));
    expect([...rolledUp].sort()).toEqual([...store.events.keys()].sort());
  });

  it('logs each dead-lettered record with its event id and unit code as fields, when it has them', async () => {
    const { sut } = setUp();
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    try {
      await sut.handleBatch([
        record(0, dossier('ok')),
        record(1, { ...dossier('elsewhere'), unitCode: '99999' }),
        record(2, 'not json'),
      ]);
      expect(warn.mock.calls.map((call) => call[0] as unknown)).toEqual([
        expect.objectContaining({
          eventId: 'elsewhere',
          unitCode: '99999',
          rejectCode: 'unknown_unit',
          offset: '1',
        }),
        expect.objectContaining({
          eventId: undefined,
          unitCode: undefined,
          rejectCode: 'invalid_json',
          offset: '2',
        }),
      ]);
    } finally {
      warn.mockRestore();
    }
  });

  it('throws when the store is unavailable, dead-lettering nothing, so the batch is retried whole', async () => {
    const { store, dlq, sut, counted } = setUp();
    store.down = true;
    await expect(sut.handleBatch([record(0, dossier('a')), record(1, 'x')])).rejects.toThrow('ECONNREFUSED');
    expect(dlq.published).toEqual([]);
    expect(store.rejects).toEqual([]);
    expect(await counted()).toEqual({ stored: {}, rejected: {} });
  });
});
