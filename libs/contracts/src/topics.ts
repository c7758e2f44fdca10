import { SOURCE_IDS, type SourceId } from './sources';

/** Every Kafka topic COC Stream uses is named here and nowhere else. */
export function sourceTopic(source: SourceId): string {
  return `coc.${source}.events.v1`;
}

export function dlqTopic(topic: string): string {
  return `${topic}.dlq`;
}

/** Ingest announces which units and periods received new facts; gateways recompute from it. */
export const KPI_CHANGES_TOPIC = 'coc.kpi-changes.v1';

/** Every read and refusal of the apps (AccessAuditV1); ingest stores it in access_audit. */
export const ACCESS_AUDIT_TOPIC = 'coc.access-audit.v1';

export const SOURCE_TOPICS: readonly string[] = SOURCE_IDS.map(sourceTopic);

export function sourceOfTopic(topic: string): SourceId | undefined {
  return SOURCE_IDS.find((s) => sourceTopic(s) === topic);
}

export const ALL_TOPICS: readonly string[] = [
  ...SOURCE_TOPICS,
  ...SOURCE_TOPICS.map(dlqTopic),
  KPI_CHANGES_TOPIC,
  ACCESS_AUDIT_TOPIC,
  dlqTopic(ACCESS_AUDIT_TOPIC),
];
