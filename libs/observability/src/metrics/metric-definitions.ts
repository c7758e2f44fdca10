import { makeCounterProvider, makeGaugeProvider, makeHistogramProvider } from '@willsoto/nestjs-prometheus';

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const BATCH_BUCKETS = [1, 5, 10, 50, 100, 500, 1000, 2500, 5000, 10_000, 25_000];

/**
 * Every COC Stream metric, defined once: the apps inject them by name, the Prometheus alert rules
 * and the Grafana dashboard in deploy/ refer to these names (a unit test checks they exist).
 */
export const METRIC = {
  consumerLag: {
    name: 'coc_kafka_consumer_lag',
    help: 'Records on the partition not yet committed by the consumer group (log end minus committed offset)',
    labelNames: ['group', 'topic', 'partition'],
  },
  consumerStalledSeconds: {
    name: 'coc_kafka_consumer_stalled_seconds',
    help: 'Seconds since the group last advanced on a partition that has lag (0 when caught up or advancing)',
    labelNames: ['group', 'topic', 'partition'],
  },
  batchRecords: {
    name: 'coc_ingest_batch_records',
    help: 'Records per consumed batch',
    labelNames: ['topic'],
    buckets: BATCH_BUCKETS,
  },
  insertSeconds: {
    name: 'coc_clickhouse_insert_seconds',
    help: 'Duration of one ClickHouse insert, by table',
    labelNames: ['table'],
    buckets: LATENCY_BUCKETS,
  },
  recordsStored: {
    name: 'coc_ingest_records_stored_total',
    help: 'Events stored in ClickHouse, by source',
    labelNames: ['source'],
  },
  recordsRejected: {
    name: 'coc_ingest_records_rejected_total',
    help: 'Records refused to the dead-letter topic, by reject code',
    labelNames: ['code'],
  },
  screensConnected: {
    name: 'coc_live_screens_connected',
    help: 'Wall screens (socket.io clients) connected to this gateway',
    labelNames: [],
  },
  roomsActive: {
    name: 'coc_live_rooms',
    help: 'Unit rooms with at least one subscribed screen on this gateway',
    labelNames: [],
  },
  noticeToEmitSeconds: {
    name: 'coc_live_notice_to_emit_seconds',
    help: 'From ingest storing facts (the notice storedAt) to the gateway emitting the new figures',
    labelNames: [],
    buckets: LATENCY_BUCKETS,
  },
  kpiQuerySeconds: {
    name: 'coc_kpi_query_seconds',
    help: 'Duration of one KPI engine query, by operation',
    labelNames: ['operation'],
    buckets: LATENCY_BUCKETS,
  },
  syncLagSeconds: {
    name: 'coc_ioc_sync_lag_seconds',
    help:
      'IOC sync lag. Sending level (child = its own unit): age of the oldest outbox batch the upstream has not applied, 0 when caught up. ' +
      'Receiving level (child = the sending child): how old the child’s last applied batch was when it arrived',
    labelNames: ['child'],
  },
  syncWatermarkAgeSeconds: {
    name: 'coc_ioc_sync_watermark_age_seconds',
    help: 'Receiving level: how far behind now the least complete feed (unit and source) a child vouched for is',
    labelNames: ['child'],
  },
  syncOutboxPendingBatches: {
    name: 'coc_ioc_sync_outbox_pending_batches',
    help: 'Sending level: outbox batches the upstream has not applied (as last heard from it)',
    labelNames: ['origin'],
  },
  syncLinkUp: {
    name: 'coc_ioc_sync_link_up',
    help: 'Sending level: 1 when the last request over this upstream link succeeded, 0 when it failed (a standby link is tried only when the active one fails)',
    labelNames: ['link'],
  },
  retentionPartitionsDropped: {
    name: 'coc_retention_partitions_dropped_total',
    help: 'Partitions dropped by the retention job, by table',
    labelNames: ['table'],
  },
  retentionLastRun: {
    name: 'coc_retention_last_success_timestamp_seconds',
    help: 'When the retention job last completed',
    labelNames: [],
  },
  auditBuffered: {
    name: 'coc_audit_buffered_entries',
    help: 'Audit entries recorded by this process and not yet acknowledged by Kafka',
    labelNames: [],
  },
  auditProduced: {
    name: 'coc_audit_entries_produced_total',
    help: 'Audit entries acknowledged by Kafka (coc.access-audit.v1)',
    labelNames: [],
  },
  auditProduceFailures: {
    name: 'coc_audit_produce_failures_total',
    help: 'Failed attempts to produce a batch of audit entries; the batch stays buffered and is retried',
    labelNames: [],
  },
  auditRefused: {
    name: 'coc_audit_refused_total',
    help: 'Reads refused (503) because the audit buffer was full: audit is never skipped to serve a read',
    labelNames: [],
  },
  auditLost: {
    name: 'coc_audit_entries_lost_total',
    help: 'Audit entries that could not be kept: buffer overflow, or still unsent when shutdown ended (each also logged as an error)',
    labelNames: ['reason'],
  },
} as const;

export type MetricName = (typeof METRIC)[keyof typeof METRIC]['name'];

/** Providers of the metrics set by events; gauges read at scrape time (screens, rooms, IOC sync) are provided by their app. */
export const METRIC_PROVIDERS = [
  makeGaugeProvider(METRIC.consumerLag),
  makeGaugeProvider(METRIC.consumerStalledSeconds),
  makeHistogramProvider(METRIC.batchRecords),
  makeHistogramProvider(METRIC.insertSeconds),
  makeCounterProvider(METRIC.recordsStored),
  makeCounterProvider(METRIC.recordsRejected),
  makeHistogramProvider(METRIC.noticeToEmitSeconds),
  makeHistogramProvider(METRIC.kpiQuerySeconds),
  makeCounterProvider(METRIC.retentionPartitionsDropped),
  makeGaugeProvider(METRIC.retentionLastRun),
  makeGaugeProvider(METRIC.auditBuffered),
  makeCounterProvider(METRIC.auditProduced),
  makeCounterProvider(METRIC.auditProduceFailures),
  makeCounterProvider(METRIC.auditRefused),
  makeCounterProvider(METRIC.auditLost),
];
