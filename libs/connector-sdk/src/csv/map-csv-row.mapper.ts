import type { EventEnvelope } from '@libs/contracts';
import type { CsvMapping, FieldKind, PayloadFieldMapping } from './csv-mapping';
import { parseDateTime, type DateFormat } from './local-date-time';

export type CsvRow = Record<string, string>;
export type CsvRowMapping = { ok: true; event: EventEnvelope } | { ok: false; reason: string };

type Cell = { ok: true; value: string } | { ok: false; reason: string };
type Field = { ok: true; value: unknown } | { ok: false; reason: string };

const TRUE_WORDS = new Set(['true', '1', 'yes', 'y', 'x', 'có', 'co']);
const FALSE_WORDS = new Set(['false', '0', 'no', 'n', 'không', 'khong']);

function cell(row: CsvRow, column: string): Cell {
  if (!(column in row)) return { ok: false, reason: `the CSV has no column "${column}"` };
  const value = (row[column] ?? '').trim();
  return value.length === 0 ? { ok: false, reason: `column "${column}" is empty` } : { ok: true, value };
}

function convert(value: string, kind: FieldKind, format: DateFormat | undefined, column: string): Field {
  switch (kind) {
    case 'string':
      return { ok: true, value };
    case 'number': {
      const n = Number(value.replace(/\s/g, ''));
      return Number.isFinite(n)
        ? { ok: true, value: n }
        : { ok: false, reason: `column "${column}": "${value}" is not a number` };
    }
    case 'boolean': {
      const word = value.toLowerCase();
      if (TRUE_WORDS.has(word)) return { ok: true, value: true };
      if (FALSE_WORDS.has(word)) return { ok: true, value: false };
      return { ok: false, reason: `column "${column}": "${value}" is not a yes/no value` };
    }
    case 'iso-date': {
      const parsed = parseDateTime(value, format ?? 'iso');
      return parsed.ok
        ? { ok: true, value: parsed.iso }
        : { ok: false, reason: `column "${column}": ${parsed.reason}` };
    }
  }
}

function payloadField(row: CsvRow, spec: PayloadFieldMapping): Field | undefined {
  if ('value' in spec) return { ok: true, value: spec.value };
  if (!(spec.column in row)) return { ok: false, reason: `the CSV has no column "${spec.column}"` };
  const raw = (row[spec.column] ?? '').trim();
  // An empty cell is an absent field: optional fields stay out, required ones fail validation by name.
  if (raw.length === 0) return undefined;
  if (spec.map) {
    return Object.hasOwn(spec.map, raw)
      ? { ok: true, value: spec.map[raw] }
      : {
          ok: false,
          reason: `column "${spec.column}": "${raw}" is not one of ${Object.keys(spec.map).join(', ')}`,
        };
  }
  return convert(raw, spec.as ?? 'string', spec.format, spec.column);
}

function fillTemplate(template: string, row: CsvRow): Cell {
  let missing: string | undefined;
  const value = template.replace(/\{([^{}]+)\}/g, (_, column: string) => {
    const c = cell(row, column);
    if (!c.ok) missing ??= c.reason;
    return c.ok ? c.value : '';
  });
  return missing ? { ok: false, reason: `eventId template: ${missing}` } : { ok: true, value };
}

/**
 * One CSV row as one event envelope, by the mapping. Pure: the caller validates the result with the
 * event contract, which names any payload field that is missing or wrong.
 */
export function mapCsvRow(row: CsvRow, mapping: CsvMapping, producedAt: Date = new Date()): CsvRowMapping {
  const eventId =
    'column' in mapping.eventId
      ? cell(row, mapping.eventId.column)
      : fillTemplate(mapping.eventId.template, row);
  if (!eventId.ok) return eventId;
  const unitCode =
    'column' in mapping.unitCode
      ? cell(row, mapping.unitCode.column)
      : { ok: true as const, value: mapping.unitCode.value };
  if (!unitCode.ok) return unitCode;
  const occurredCell = cell(row, mapping.occurredAt.column);
  if (!occurredCell.ok) return occurredCell;
  const occurredAt = parseDateTime(occurredCell.value, mapping.occurredAt.format ?? 'iso');
  if (!occurredAt.ok)
    return { ok: false, reason: `column "${mapping.occurredAt.column}": ${occurredAt.reason}` };

  const payload: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(mapping.payload)) {
    const field = payloadField(row, spec);
    if (field === undefined) continue;
    if (!field.ok) return { ok: false, reason: `payload.${name}: ${field.reason}` };
    payload[name] = field.value;
  }
  return {
    ok: true,
    event: {
      eventId: eventId.value,
      source: mapping.source,
      type: mapping.type,
      unitCode: unitCode.value,
      occurredAt: occurredAt.iso,
      producedAt: producedAt.toISOString(),
      schemaVersion: mapping.schemaVersion ?? 1,
      payload,
    },
  };
}
