import { DEFAULT_BATCH_SIZE, publishAll } from '@libs/connector-sdk';
import { progressBar } from '../progress';
import { formatSummary } from '../summary';
import { createTransport, describeTransport, type TransportConfig } from '../transport-options';

/** Exit code of a run that finished but had records refused: distinct from a failed run (1). */
export const EXIT_SOME_REJECTED = 2;

const warn = (line: string) => {
  process.stderr.write(`${line}\n`);
};

/** Validates and sends records, shows progress, prints the summary and sets the exit code. */
export async function sendRecords(
  records: readonly unknown[],
  config: TransportConfig,
  { batchSize = DEFAULT_BATCH_SIZE, where }: { batchSize?: number; where: (index: number) => string },
): Promise<void> {
  const transport = createTransport(config, warn);
  const bar = progressBar();
  try {
    const report = await publishAll(records, transport, { batchSize, onProgress: (p) => bar.update(p) });
    bar.stop();
    process.stdout.write(formatSummary(report, describeTransport(config), where));
    if (report.rejected.length > 0) process.exitCode = EXIT_SOME_REJECTED;
  } finally {
    bar.stop();
    await transport.close();
  }
}
