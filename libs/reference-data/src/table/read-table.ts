import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { InvalidImportError } from './import-problem';

/** A file's rows as text, each with its line (the spreadsheet row number; 1 is the header). */
export interface TableRow {
  line: number;
  cells: string[];
}

export interface Table {
  header: string[];
  rows: TableRow[];
}

export type TableFormat = 'csv' | 'xlsx';

export function tableFormatOf(fileName: string): TableFormat {
  return /\.xlsx$/i.test(fileName) ? 'xlsx' : 'csv';
}

/** Reads a CSV (UTF-8, optional BOM) or the first sheet of an XLSX workbook; blank rows are skipped. */
export async function readTable(bytes: Buffer, format: TableFormat): Promise<Table> {
  const lines = format === 'xlsx' ? await xlsxRows(bytes) : csvRows(bytes);
  const [header, ...rows] = lines.filter((row) => row.cells.some((cell) => cell !== ''));
  if (!header) throw new InvalidImportError([{ message: 'the file has no header row' }]);
  return { header: header.cells, rows };
}

function csvRows(bytes: Buffer): TableRow[] {
  try {
    const records = parse(bytes.toString('utf8'), {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: false,
      info: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
    return records.map(({ record, info }) => ({ line: info.lines, cells: record.map((c) => c.trim()) }));
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw new InvalidImportError([{ line, message: `not a readable CSV: ${(error as Error).message}` }]);
  }
}

async function xlsxRows(bytes: Buffer): Promise<TableRow[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (error) {
    throw new InvalidImportError([{ message: `not a readable XLSX workbook: ${(error as Error).message}` }]);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new InvalidImportError([{ message: 'the workbook has no sheet' }]);
  const rows: TableRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    const cells: string[] = [];
    for (let column = 1; column <= row.cellCount; column += 1) cells.push(cellText(row.getCell(column)));
    rows.push({ line, cells });
  });
  return rows;
}

function cellText(cell: ExcelJS.Cell): string {
  const value = cell.value;
  if (value === null || value === undefined) return '';
  // A date cell: its calendar date as written (exceljs reads it as midnight UTC).
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return cell.text.trim();
}
