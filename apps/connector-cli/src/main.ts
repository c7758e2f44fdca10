import { Command } from 'commander';
import { loadEnv } from '@libs/platform';
import { accessCommand } from './commands/access.command';
import { backfillCommand } from './commands/backfill.command';
import { publishCommand } from './commands/publish.command';
import { referenceCommand } from './commands/reference.command';
import { simulateCommand } from './commands/simulate.command';
import { ConnectorCliEnv } from './connector-cli.env';

/**
 * `coc`: publish events to COC Stream from files, CSV exports or a simulator, over Kafka or HTTP.
 * Exit codes: 0 all sent, 2 finished with refused records (listed), 1 failed.
 */
async function main(): Promise<void> {
  const env = loadEnv(ConnectorCliEnv);
  const program = new Command('coc')
    .description(
      'COC Stream CLI: publish, backfill and simulate source-system events; load reference data; manage access keys',
    )
    .showHelpAfterError()
    .addCommand(publishCommand(env))
    .addCommand(backfillCommand(env))
    .addCommand(simulateCommand(env))
    .addCommand(referenceCommand())
    .addCommand(accessCommand());
  await program.parseAsync(process.argv);
}

main().catch((error: unknown) => {
  process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
