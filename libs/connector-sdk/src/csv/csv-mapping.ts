import { isSourceId, isUnitCodeFormat, type SourceId } from '@libs/contracts';
import { DATE_FORMATS, type DateFormat } from './local-date-time';

export const FIELD_KINDS = ['string', 'number', 'boolean', 'iso-date'] as const;
export type FieldKind = (typeof FIELD_KINDS)[number];

export type PayloadFieldMapping =
  | {
      column: string;
      as?: FieldKind;
      format?: DateFormat;
      /** Source wording to contract values, e.g. {"Trực tuyến": "online"}; other values are refused. */
      map?: Record<string, string | number | boolean>;
    }
  | { value: string | number | boolean };

/** How one CSV export becomes events of one type: a JSON file next to the CSV. */
export interface CsvMapping {
  type: string;
  source: SourceId;
  schemaVersion?: number;
  unitCode: { column: string } | { value: string };
  occurredAt: { column: string; format?: DateFormat };
  eventId: { column: string } | { template: string };
  payload: Record<string, PayloadFieldMapping>;
}

export class CsvMappingError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid CSV mapping:\n  - ${problems.join('\n  - ')}`);
    this.name = 'CsvMappingError';
  }
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0;

/** Checks a parsed mapping file and names every problem, so a wrong mapping fails before any row. */
export function parseCsvMapping(input: unknown): CsvMapping {
  const problems: string[] = [];
  if (!isObject(input)) throw new CsvMappingError(['the mapping must be a JSON object']);
  const { type, source, schemaVersion, unitCode, occurredAt, eventId, payload } = input;

  if (!isText(type)) problems.push('type must be an event type, e.g. "onestop.dossier.received"');
  if (!isSourceId(source)) problems.push('source must be one of qlvb, onestop, camera, reporting');
  if (isText(type) && isSourceId(source) && !type.startsWith(`${source}.`)) {
    problems.push(`type ${type} does not belong to source ${source}`);
  }
  if (schemaVersion !== undefined && !(Number.isInteger(schemaVersion) && (schemaVersion as number) >= 1)) {
    problems.push('schemaVersion must be a positive integer');
  }
  if (!isObject(unitCode) || !(isText(unitCode.column) || isText(unitCode.value))) {
    problems.push('unitCode must be {"column": "<name>"} or {"value": "<code>"}');
  } else if (isText(unitCode.value) && !isUnitCodeFormat(unitCode.value)) {
    problems.push('unitCode.value must be a unit code of 2, 3 or 5 digits');
  }
  if (!isObject(occurredAt) || !isText(occurredAt.column)) {
    problems.push('occurredAt must be {"column": "<name>", "format"?: "iso" | "dd/mm/yyyy hh:mm"}');
  } else if (occurredAt.format !== undefined && !DATE_FORMATS.includes(occurredAt.format as DateFormat)) {
    problems.push(`occurredAt.format must be one of ${DATE_FORMATS.join(', ')}`);
  }
  if (!isObject(eventId) || !(isText(eventId.column) || isText(eventId.template))) {
    problems.push('eventId must be {"column": "<name>"} or {"template": "...{column}..."}');
  } else if (isText(eventId.template) && !/\{[^{}]+\}/.test(eventId.template)) {
    problems.push('eventId.template must use at least one {column}, or every row gets the same id');
  }
  if (!isObject(payload)) {
    problems.push('payload must be an object of field mappings');
  } else {
    for (const [field, spec] of Object.entries(payload)) {
      problems.push(...payloadFieldProblems(field, spec));
    }
  }
  if (problems.length > 0) throw new CsvMappingError(problems);
  return input as unknown as CsvMapping;
}

function payloadFieldProblems(field: string, spec: unknown): string[] {
  const where = `payload.${field}`;
  if (!isObject(spec)) return [`${where} must be {"column", "as"?} or {"value"}`];
  if ('value' in spec) {
    return ['string', 'number', 'boolean'].includes(typeof spec.value)
      ? []
      : [`${where}.value must be a string, number or boolean`];
  }
  const problems: string[] = [];
  if (!isText(spec.column)) problems.push(`${where} must name a column or give a value`);
  if (spec.as !== undefined && !FIELD_KINDS.includes(spec.as as FieldKind)) {
    problems.push(`${where}.as must be one of ${FIELD_KINDS.join(', ')}`);
  }
  if (spec.format !== undefined && !DATE_FORMATS.includes(spec.format as DateFormat)) {
    problems.push(`${where}.format must be one of ${DATE_FORMATS.join(', ')}`);
  }
  if (
    spec.map !== undefined &&
    !(
      isObject(spec.map) &&
      Object.values(spec.map).every((v) => ['string', 'number', 'boolean'].includes(typeof v))
    )
  ) {
    problems.push(`${where}.map must be an object of source value → string, number or boolean`);
  }
  return problems;
}
