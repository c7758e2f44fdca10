/** What an import does to keyed records (a roster count, a target, a mapping): the dry-run's answer. */
export type RecordChange<T> = { change: 'added'; record: T } | { change: 'changed'; record: T; before: T };

export interface RecordDiff<T> {
  changes: RecordChange<T>[];
  unchanged: number;
}

/** Stated records against the stored ones with the same key; stored records the file does not name stay. */
export function diffRecords<T>(
  stored: readonly T[],
  stated: readonly T[],
  keyOf: (record: T) => string,
  same: (a: T, b: T) => boolean,
): RecordDiff<T> {
  const storedByKey = new Map(stored.map((r) => [keyOf(r), r]));
  const changes: RecordChange<T>[] = [];
  let unchanged = 0;
  for (const record of stated) {
    const before = storedByKey.get(keyOf(record));
    if (before === undefined) changes.push({ change: 'added', record });
    else if (!same(before, record)) changes.push({ change: 'changed', record, before });
    else unchanged += 1;
  }
  return { changes, unchanged };
}

/** Reports each key stated twice in a file, at its second line. */
export function duplicatesOf<T extends { line: number }>(
  records: readonly T[],
  keyOf: (record: T) => string,
  describe: (record: T) => string,
): { line: number; message: string }[] {
  const seen = new Map<string, number>();
  const problems: { line: number; message: string }[] = [];
  for (const record of records) {
    const first = seen.get(keyOf(record));
    if (first !== undefined)
      problems.push({ line: record.line, message: `${describe(record)} is also on line ${first}` });
    else seen.set(keyOf(record), record.line);
  }
  return problems;
}
