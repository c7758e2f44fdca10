import { InvalidRecord } from '../publish/invalid-record';

export interface NdjsonRecords {
  /** Parsed values; a line that is not JSON is an InvalidRecord saying why. */
  records: unknown[];
  /** 1-based line number of each record, for messages an operator can act on. */
  lines: number[];
}

/** Splits NDJSON text into records, skipping blank lines. */
export function parseNdjson(text: string): NdjsonRecords {
  const records: unknown[] = [];
  const lines: number[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line.length === 0) return;
    lines.push(i + 1);
    try {
      records.push(JSON.parse(line));
    } catch (error) {
      records.push(new InvalidRecord(`invalid_json: line ${i + 1} is not JSON: ${(error as Error).message}`));
    }
  });
  return { records, lines };
}

export function toNdjson(records: readonly unknown[]): string {
  return records.map((r) => `${JSON.stringify(r)}\n`).join('');
}
