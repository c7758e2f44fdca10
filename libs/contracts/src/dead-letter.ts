/**
 * Headers ingest puts on a record it dead-letters to `<topic>.dlq`; the value and key stay the
 * original bytes. Consumers of a DLQ dedupe by the source position (topic, partition, offset).
 */
export const DLQ_HEADERS = {
  code: 'coc-reject-code',
  reason: 'coc-reject-reason',
  topic: 'coc-source-topic',
  partition: 'coc-source-partition',
  offset: 'coc-source-offset',
} as const;
