import { parse } from 'csv-parse/sync';
import { InvalidRecord } from '../publish/invalid-record';
import type { CsvMapping } from './csv-mapping';
import { mapCsvRow, type CsvRow } from './map-csv-row.mapper';

export interface CsvRecords {
  /** One envelope per data row, or an InvalidRecord saying why the row does not map. */
  records: unknown[];
  /** The line of the file each record ends on, for messages an operator can act on. */
  lines: number[];
}

/**
 * Reads a CSV export with a header row (a UTF-8 BOM from Excel is fine) and maps every row. A file
 * that is not well-formed CSV throws, naming the line; a row that does not fit the mapping does not.
 */
export function csvRecords(
  text: string,
  mapping: CsvMapping,
  { delimiter = ',', producedAt = new Date() }: { delimiter?: string; producedAt?: Date } = {},
): CsvRecords {
  const rows = parse<{ record: CsvRow; info: { lines: number } }>(text, {
    columns: true,
    bom: true,
    delimiter,
    skip_empty_lines: true,
    info: true,
  });
  const records: unknown[] = [];
  const lines: number[] = [];
  for (const { record, info } of rows) {
    const mapped = mapCsvRow(record, mapping, producedAt);
    records.push(mapped.ok ? mapped.event : new InvalidRecord(`unmappable_row: ${mapped.reason}`));
    lines.push(info.lines);
  }
  return { records, lines };
}
