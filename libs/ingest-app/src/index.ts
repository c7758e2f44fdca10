export { IngestModule } from './ingest.module';
export { runOperatorCommand, startIngest } from './start-ingest';
/** Its configuration and defaults: the benchmark's bare loop fetches with the same settings. */
export { IngestEnv } from './ingest.env';
