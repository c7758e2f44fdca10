export { SOURCES, SOURCE_IDS, isSourceId, type SourceId, type SourceSystem } from './sources';
export { ALL_TOPICS, KPI_CHANGES_TOPIC, SOURCE_TOPICS, dlqTopic, sourceOfTopic, sourceTopic } from './topics';
export { UNIT_CODE_PATTERN, isUnitCodeFormat } from './unit-code';
export { EVENT_ID_PATTERN, EventEnvelope } from './envelope/event-envelope';
export {
  EARLIEST_OCCURRED_AT,
  REJECT_CODES,
  validateEvent,
  type EventTimePolicy,
  type EventValidation,
  type RejectCode,
  type Rejection,
  type ValidEvent,
} from './envelope/validate-event';
export { defineEvent, type EventDefinition, type EventExample } from './events/event-definition';
export { EVENT_DEFINITIONS, findEventDefinition } from './events/event-registry';
export { exampleEnvelope } from './events/example-envelope';
export {
  DOSSIER_CHANNELS,
  DossierReceived,
  DossierReceivedV1,
  type DossierChannel,
} from './events/onestop/dossier-received.v1';
export type { KpiInputsChanged } from './kpi-changes/kpi-inputs-changed';
export {
  WALL_SCREEN_NAMESPACE,
  unitRoom,
  type ClientToServerEvents,
  type LiveFigure,
  type ServerToClientEvents,
  type SubscribeReply,
  type SubscribeRequest,
} from './ws/wall-screen.events';
