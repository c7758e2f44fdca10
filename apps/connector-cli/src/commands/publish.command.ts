import { readFile } from 'node:fs/promises';
import { Command } from 'commander';
import { DEFAULT_BATCH_SIZE, parseNdjson } from '@libs/connector-sdk';
import type { ConnectorCliEnv } from '../connector-cli.env';
import { addTransportOptions, resolveTransport, type TransportFlags } from '../transport-options';
import { positiveInt } from './parse-int';
import { sendRecords } from './send-records';

export function publishCommand(env: ConnectorCliEnv): Command {
  return addTransportOptions(
    new Command('publish')
      .description('validate and publish the event envelopes of an NDJSON file (one per line)')
      .argument('<file>', 'NDJSON file of event envelopes')
      .option('--batch-size <n>', 'events per request or Kafka batch', positiveInt, DEFAULT_BATCH_SIZE),
  ).action(async (file: string, flags: TransportFlags & { batchSize: number }) => {
    const config = resolveTransport(flags, env);
    const { records, lines } = parseNdjson(await readFile(file, 'utf8'));
    await sendRecords(records, config, { batchSize: flags.batchSize, where: (i) => `line ${lines[i]}` });
  });
}
