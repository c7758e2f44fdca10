import { writeFile } from 'node:fs/promises';
import { Command } from 'commander';
import { DEFAULT_BATCH_SIZE, simulateCommune, simulationWindow, toNdjson } from '@libs/connector-sdk';
import type { ConnectorCliEnv } from '../connector-cli.env';
import { addTransportOptions, resolveTransport, type TransportFlags } from '../transport-options';
import { integer, positiveInt, positiveNumber } from './parse-int';
import { sendRecords } from './send-records';

interface SimulateFlags extends TransportFlags {
  unit: string;
  from: string;
  to: string;
  seed: number;
  scale: number;
  out?: string;
  batchSize: number;
}

export function simulateCommand(env: ConnectorCliEnv): Command {
  return addTransportOptions(
    new Command('simulate')
      .description(
        'generate a realistic, reproducible event stream for one commune (all four sources) and publish it or write it to a file',
      )
      .requiredOption('--unit <code>', 'unit code, e.g. 26734')
      .requiredOption('--from <date>', 'first local day (YYYY-MM-DD) or an ISO date-time with zone')
      .requiredOption('--to <date>', 'last local day, included (clipped to now)')
      .option('--seed <n>', 'same seed, same events', integer, 1)
      .option('--scale <x>', 'volume multiplier; 1 is a typical commune', positiveNumber, 1)
      .option('--out <file>', 'write NDJSON to this file ("-" for stdout) instead of publishing')
      .option('--batch-size <n>', 'events per request or Kafka batch', positiveInt, DEFAULT_BATCH_SIZE),
  ).action(async (flags: SimulateFlags) => {
    const window = simulationWindow(flags.from, flags.to);
    const config = flags.out === undefined ? resolveTransport(flags, env) : undefined;
    const started = Date.now();
    const events = simulateCommune({ unitCode: flags.unit, ...window, seed: flags.seed, scale: flags.scale });
    const seconds = (Date.now() - started) / 1000;
    const span =
      events.length > 0 ? ` from ${events[0].occurredAt} to ${events[events.length - 1].occurredAt}` : '';
    const generated = `generated ${events.length} events${span} in ${seconds.toFixed(1)} s\n`;
    if (!config) {
      if (flags.out === '-') {
        process.stdout.write(toNdjson(events));
        process.stderr.write(generated);
      } else {
        await writeFile(flags.out as string, toNdjson(events));
        process.stdout.write(`${generated}wrote ${flags.out}\n`);
      }
      return;
    }
    process.stdout.write(generated);
    await sendRecords(events, config, { batchSize: flags.batchSize, where: (i) => `event #${i + 1}` });
  });
}
