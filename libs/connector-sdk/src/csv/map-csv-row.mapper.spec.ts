import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { validateEvent } from '@libs/contracts';
import { InvalidRecord } from '../publish/invalid-record';
import { CsvMappingError, parseCsvMapping, type CsvMapping } from './csv-mapping';
import { csvRecords } from './csv-records';
import { parseDateTime } from './local-date-time';
import { mapCsvRow, type CsvRow } from './map-csv-row.mapper';

const fixture = (name: string) => readFileSync(join(__dirname, '..', 'fixtures', name), 'utf8');
const rows = parse<CsvRow>(fixture('dossiers-received.csv'), { columns: true, skip_empty_lines: true });
const mapping = parseCsvMapping(JSON.parse(fixture('dossiers-received.mapping.json')));
const producedAt = new Date('2026-11-23T03:00:00Z');
const policy = { now: producedAt, maxFutureSkewMs: 0 };

describe(mapCsvRow.name, () => {
  it('maps a Vietnamese one-stop export row into a valid envelope, local times at +07:00', () => {
    const result = mapCsvRow(rows[0], mapping, producedAt);
    expect(result).toEqual({
      ok: true,
      event: {
        eventId: 'onestop-26734-000.34.26.H29-261102-0001-received',
        source: 'onestop',
        type: 'onestop.dossier.received',
        unitCode: '26734',
        occurredAt: '2026-11-02T08:15:00+07:00',
        producedAt: '2026-11-23T03:00:00.000Z',
        schemaVersion: 1,
        payload: {
          dossierId: '000.34.26.H29-261102-0001',
          procedureCode: '1.001193',
          channel: 'online',
          onCentralOneStop: true,
          dueAt: '2026-11-03T17:00:00+07:00',
          eidAuthenticated: true,
        },
      },
    });
    expect(result.ok && validateEvent(result.event, policy).ok).toBe(true);
  });

  it('leaves an empty optional cell out and reads one-digit days and seconds', () => {
    const postal = mapCsvRow(rows[2], mapping, producedAt);
    expect(postal.ok && postal.event.payload).not.toHaveProperty('eidAuthenticated');
    expect(postal.ok && postal.event.occurredAt).toBe('2026-11-02T14:05:00+07:00');
    const withSeconds = mapCsvRow(rows[3], mapping, producedAt);
    expect(withSeconds.ok && withSeconds.event.occurredAt).toBe('2026-11-03T07:45:30+07:00');
  });

  it('refuses rows it cannot map, saying which column and why', () => {
    expect(mapCsvRow(rows[4], mapping, producedAt)).toEqual({
      ok: false,
      reason: 'column "Ngày tiếp nhận": "31/02/2026 10:00" is not a real date and time',
    });
    expect(mapCsvRow(rows[5], mapping, producedAt)).toEqual({
      ok: false,
      reason: 'payload.channel: column "Kênh nộp": "Fax" is not one of Trực tuyến, Trực tiếp, Bưu chính',
    });
  });

  it('leaves a missing required field to the contract, which names it', () => {
    const result = mapCsvRow(rows[6], mapping, producedAt);
    expect(result.ok).toBe(true);
    const validation = result.ok ? validateEvent(result.event, policy) : undefined;
    expect(validation?.ok === false && validation.rejection.reason).toContain('payload.dueAt');
  });

  it('takes constants, numbers and id columns', () => {
    const custom: CsvMapping = {
      type: 'onestop.fee.paid',
      source: 'onestop',
      unitCode: { value: '26734' },
      occurredAt: { column: 'paid', format: 'iso' },
      eventId: { column: 'id' },
      payload: {
        dossierId: { column: 'dossier' },
        amountVnd: { column: 'amount', as: 'number' },
        method: { value: 'qr' },
      },
    };
    const row = { id: 'fee-1', paid: '2026-11-20T09:00:00+07:00', dossier: 'HS1', amount: '50 000' };
    const result = mapCsvRow(row, custom, producedAt);
    expect(result.ok && result.event.payload).toEqual({ dossierId: 'HS1', amountVnd: 50000, method: 'qr' });
    expect(mapCsvRow({ ...row, amount: 'năm mươi' }, custom, producedAt)).toEqual({
      ok: false,
      reason: 'payload.amountVnd: column "amount": "năm mươi" is not a number',
    });
    expect(mapCsvRow({ ...row, id: '' }, custom, producedAt)).toEqual({
      ok: false,
      reason: 'column "id" is empty',
    });
  });
});

describe(parseCsvMapping.name, () => {
  it('lists every problem of a wrong mapping at once', () => {
    const attempt = () =>
      parseCsvMapping({
        type: 'qlvb.document.registered',
        source: 'onestop',
        unitCode: { value: '2673' },
        occurredAt: { column: 'at', format: 'mm/dd/yyyy' },
        eventId: { template: 'fixed' },
        payload: { secret: { column: 'secret', as: 'bool' } },
      });
    expect(attempt).toThrow(CsvMappingError);
    try {
      attempt();
    } catch (error) {
      expect((error as CsvMappingError).problems).toEqual([
        'type qlvb.document.registered does not belong to source onestop',
        'unitCode.value must be a unit code of 2, 3 or 5 digits',
        'occurredAt.format must be one of iso, dd/mm/yyyy hh:mm',
        'eventId.template must use at least one {column}, or every row gets the same id',
        'payload.secret.as must be one of string, number, boolean, iso-date',
      ]);
    }
  });
});

describe(parseDateTime.name, () => {
  it.each([
    ['23/11/2026 08:15', 'dd/mm/yyyy hh:mm', '2026-11-23T08:15:00+07:00'],
    ['1/2/2026', 'dd/mm/yyyy hh:mm', '2026-02-01T00:00:00+07:00'],
    ['2026-11-23T08:15:00+07:00', 'iso', '2026-11-23T08:15:00+07:00'],
  ] as const)('reads %s (%s)', (value, format, iso) => {
    expect(parseDateTime(value, format)).toEqual({ ok: true, iso });
  });

  it.each([
    ['2026-11-23T08:15:00', 'iso'],
    ['29/02/2026 08:00', 'dd/mm/yyyy hh:mm'],
    ['23/11/2026 24:00', 'dd/mm/yyyy hh:mm'],
    ['11/23/2026', 'dd/mm/yyyy hh:mm'],
  ] as const)('refuses %s (%s)', (value, format) => {
    expect(parseDateTime(value, format).ok).toBe(false);
  });
});

describe(csvRecords.name, () => {
  it('maps a whole export, keeping each row’s line and why a row does not map', () => {
    const { records, lines } = csvRecords(`\uFEFF${fixture('dossiers-received.csv')}`, mapping, {
      producedAt,
    });
    expect(lines).toEqual([2, 3, 4, 5, 6, 7, 8]);
    expect(records.filter((r) => r instanceof InvalidRecord).map((r) => r.reason)).toEqual([
      'unmappable_row: column "Ngày tiếp nhận": "31/02/2026 10:00" is not a real date and time',
      expect.stringContaining('unmappable_row: payload.channel'),
    ]);
  });

  it('refuses a file that is not well-formed CSV, naming the line', () => {
    expect(() => csvRecords('a,b\n1,2\n3\n', mapping)).toThrow(/line 3/);
  });
});
