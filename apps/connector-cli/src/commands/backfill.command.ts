import { readFile } from 'node:fs/promises';
import { Command } from 'commander';
import { DEFAULT_BATCH_SIZE, csvRecords, parseCsvMapping } from '@libs/connector-sdk';
import type { ConnectorCliEnv } from '../connector-cli.env';
import { addTransportOptions, resolveTransport, type TransportFlags } from '../transport-options';
import { positiveInt } from './parse-int';
import { sendRecords } from './send-records';

interface BackfillFlags extends TransportFlags {
  mapping: string;
  delimiter: string;
  batchSize: number;
}

export function backfillCommand(env: ConnectorCliEnv): Command {
  return addTransportOptions(
    new Command('backfill')
      .description(
        'turn the rows of a CSV export into events by a mapping file, then validate and publish them',
      )
      .argument('<file>', 'CSV file with a header row')
      .requiredOption('--mapping <file>', 'JSON mapping of columns to envelope and payload fields')
      .option('--delimiter <char>', 'CSV field delimiter', ',')
      .option('--batch-size <n>', 'events per request or Kafka batch', positiveInt, DEFAULT_BATCH_SIZE),
  ).action(async (file: string, flags: BackfillFlags) => {
    const config = resolveTransport(flags, env);
    const mapping = parseCsvMapping(JSON.parse(await readFile(flags.mapping, 'utf8')) as unknown);
    const { records, lines } = csvRecords(await readFile(file, 'utf8'), mapping, {
      delimiter: flags.delimiter,
    });
    await sendRecords(records, config, { batchSize: flags.batchSize, where: (i) => `line ${lines[i]}` });
  });
}
