export { IngestModule } from './ingest.module';
export { runOperatorCommand, startIngest } from './start-ingest';
