/** One thing wrong in an import file: its line (1 is the header row) and column, or the file as a whole. */
export interface ImportProblem {
  line?: number;
  /** The column's header as written in the file, e.g. `Mã PX`. */
  column?: string;
  message: string;
}

export function describeProblem(problem: ImportProblem): string {
  const where = [
    problem.line === undefined ? undefined : `line ${problem.line}`,
    problem.column === undefined ? undefined : `column "${problem.column}"`,
  ].filter((part) => part !== undefined);
  return where.length === 0 ? problem.message : `${where.join(', ')}: ${problem.message}`;
}

/** An import refused before anything was stored, with every problem found. */
export class InvalidImportError extends Error {
  constructor(readonly problems: readonly ImportProblem[]) {
    super(problems.map(describeProblem).join('\n'));
    this.name = 'InvalidImportError';
  }
}
