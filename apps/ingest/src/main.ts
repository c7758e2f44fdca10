import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { runOperatorCommand, startIngest } from '@libs/ingest-app';
import { exitIfShutdownHangs } from '@libs/platform';

/** No argument: the ingest service; otherwise one operator command (migrate, backup, restore, retention). */
async function main(): Promise<void> {
  const [command, ...args] = process.argv.slice(2);
  if (command !== undefined) return runOperatorCommand(command, args);
  exitIfShutdownHangs(20_000);
  (await startIngest()).enableShutdownHooks();
}

main().catch((error: unknown) => {
  new Logger('ingest').error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
