export {
  EVENT_PUBLISHER,
  type BatchRejection,
  type EventPublisher,
  type PublishedBatch,
} from './publish/event-publisher.port';
export {
  HttpTransport,
  HttpTransportError,
  INGEST_EVENTS_PATH,
  eventsEndpoint,
  type HttpTransportOptions,
  type IngestResponse,
} from './publish/http.transport';
export {
  DEFAULT_BATCH_SIZE,
  publishAll,
  type PublishOptions,
  type PublishProgress,
  type PublishRejection,
  type PublishReport,
} from './publish/publish-all';
export { InvalidRecord } from './publish/invalid-record';
export { parseNdjson, toNdjson, type NdjsonRecords } from './ndjson/ndjson';
export { eventIdFor } from './ids/event-id';
export { simulateCommune, simulationWindow, type SimulateCommuneOptions } from './simulate/simulate-commune';
export { Prng, hashSeed } from './simulate/prng';
export {
  CsvMappingError,
  FIELD_KINDS,
  parseCsvMapping,
  type CsvMapping,
  type FieldKind,
  type PayloadFieldMapping,
} from './csv/csv-mapping';
export { mapCsvRow, type CsvRow, type CsvRowMapping } from './csv/map-csv-row.mapper';
export { DATE_FORMATS, parseDateTime, type DateFormat, type DateParse } from './csv/local-date-time';
export { csvRecords, type CsvRecords } from './csv/csv-records';
