export interface BenchOptions {
  readonly quick: boolean;
  /** Scenario names to run; undefined runs them all. */
  readonly only?: readonly string[];
}

/** `--quick` and `--only=a,b`; anything else, or an unknown scenario name, is an error naming it. */
export function parseBenchArgs(argv: readonly string[], scenarioNames: readonly string[]): BenchOptions {
  let quick = false;
  let only: string[] | undefined;
  for (const arg of argv) {
    if (arg === '--quick') quick = true;
    else if (arg.startsWith('--only=')) only = arg.slice('--only='.length).split(',').filter(Boolean);
    else throw new Error(`unknown argument ${arg} (npm run bench -- [--quick] [--only=name[,name]])`);
  }
  const unknown = (only ?? []).filter((name) => !scenarioNames.includes(name));
  if (unknown.length > 0 || only?.length === 0) {
    throw new Error(
      `--only names no scenario: ${unknown.join(', ') || '(empty)'}; known: ${scenarioNames.join(', ')}`,
    );
  }
  return only ? { quick, only } : { quick };
}
