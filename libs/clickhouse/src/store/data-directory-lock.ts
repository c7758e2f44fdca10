import { join } from 'node:path';
import { lockDirectory } from '@libs/platform';

/** The file that names the process owning a data directory's analytics store. */
export const LOCK_FILE = 'coc-stream.lock';

const HINT =
  'the embedded analytics store admits one process per directory. Stop that process, run ingest, ' +
  'coc-gateway and ioc-sync in one process (coc-embedded), give this process its own COC_DATA_DIR, or set ' +
  'CLICKHOUSE_URL to share a ClickHouse server.';

/** Takes `directory` for this process (see lockDirectory); returns the release. */
export const lockDataDirectory = (directory: string): (() => void) =>
  lockDirectory(join(directory, LOCK_FILE), HINT);
