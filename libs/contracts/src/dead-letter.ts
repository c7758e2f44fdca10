/**
 * Headers ingest puts on a record it dead-letters to `<topic>.dlq`; the key stays the original
 * bytes, and so does the value unless it is over INGEST_DLQ_MAX_VALUE_BYTES. Consumers of a DLQ dedupe by the source position (topic, partition, offset).
 */
export const DLQ_HEADERS = {
  code: 'coc-reject-code',
  reason: 'coc-reject-reason',
  topic: 'coc-source-topic',
  partition: 'coc-source-partition',
  offset: 'coc-source-offset',
  /** Size and SHA-256 of the original value, so a shortened copy still identifies its record. */
  originalBytes: 'coc-original-bytes',
  originalSha256: 'coc-original-sha256',
  /** 'true' when the value is the original's first bytes and a marker (see INGEST_DLQ_MAX_VALUE_BYTES). */
  truncated: 'coc-truncated',
} as const;
