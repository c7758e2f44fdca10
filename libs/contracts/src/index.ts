export { SOURCES, SOURCE_IDS, isSourceId, type SourceId, type SourceSystem } from './sources';
export {
  ACCESS_AUDIT_TOPIC,
  ALL_TOPICS,
  KPI_CHANGES_TOPIC,
  SOURCE_TOPICS,
  dlqTopic,
  sourceOfTopic,
  sourceTopic,
} from './topics';
export { UNIT_CODE_PATTERN, isUnitCodeFormat } from './unit-code';
export { DLQ_HEADERS } from './dead-letter';
export { parseContract, type ParsedContract } from './parse-contract';
export {
  AUDIT_CHANNELS,
  AUDIT_OUTCOMES,
  AccessAuditV1,
  auditOutcomeOf,
  parseAccessAudit,
  type AuditChannel,
  type AuditOutcome,
} from './audit/access-audit.v1';
export { EVENT_ID_PATTERN, EventEnvelope } from './envelope/event-envelope';
export {
  DEFAULT_STRUCTURAL_LIMITS,
  checkStructure,
  type StructuralLimits,
} from './envelope/structural-limits';
export { compiledContracts } from './envelope/compiled-validation';
export {
  EARLIEST_OCCURRED_AT,
  REJECT_CODES,
  canonicalPayload,
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
export { IsZonedDateTime, ZONED_DATE_TIME_PATTERN } from './events/zoned-date-time';
export {
  DOCUMENT_CHANNELS,
  DOCUMENT_DIRECTIONS,
  DocumentRegistered,
  DocumentRegisteredV1,
  type DocumentChannel,
  type DocumentDirection,
} from './events/qlvb/document-registered.v1';
export {
  CERTIFICATE_TYPES,
  DocumentSigned,
  DocumentSignedV1,
  SIGNING_METHODS,
  SIGNING_STAGES,
  type CertificateType,
  type SigningMethod,
  type SigningStage,
} from './events/qlvb/document-signed.v1';
export {
  DocumentExchanged,
  DocumentExchangedV1,
  EXCHANGE_DIRECTIONS,
  EXCHANGE_ROUTES,
  type ExchangeDirection,
  type ExchangeRoute,
} from './events/qlvb/document-exchanged.v1';
export { DocumentAssigned, DocumentAssignedV1 } from './events/qlvb/document-assigned.v1';
export { DocumentProcessed, DocumentProcessedV1 } from './events/qlvb/document-processed.v1';
export { WorkFileOpened, WorkFileOpenedV1 } from './events/qlvb/workfile-opened.v1';
export { WorkFileClosed, WorkFileClosedV1 } from './events/qlvb/workfile-closed.v1';
export {
  OFFICIAL_ACTIONS,
  OfficialActed,
  OfficialActedV1,
  type OfficialAction,
} from './events/qlvb/official-acted.v1';
export { DossierSubmitted, DossierSubmittedV1 } from './events/onestop/dossier-submitted.v1';
export {
  DOSSIER_CHANNELS,
  DossierReceived,
  DossierReceivedV1,
  type DossierChannel,
} from './events/onestop/dossier-received.v1';
export { DossierStepCompleted, DossierStepCompletedV1 } from './events/onestop/dossier-step-completed.v1';
export {
  DOSSIER_OUTCOMES,
  DossierResolved,
  DossierResolvedV1,
  type DossierOutcome,
} from './events/onestop/dossier-resolved.v1';
export {
  RESULT_RETURN_MODES,
  ResultReturned,
  ResultReturnedV1,
  type ResultReturnMode,
} from './events/onestop/result-returned.v1';
export { ResultDigitized, ResultDigitizedV1 } from './events/onestop/result-digitized.v1';
export { FEE_PAYMENT_METHODS, FeePaid, FeePaidV1, type FeePaymentMethod } from './events/onestop/fee-paid.v1';
export { DossierRated, DossierRatedV1 } from './events/onestop/dossier-rated.v1';
export {
  CameraRegistered,
  CameraRegisteredV1,
  ROAD_CLASSES,
  type RoadClass,
} from './events/camera/device-registered.v1';
export {
  CAMERA_STATUSES,
  CameraStatusChanged,
  CameraStatusChangedV1,
  type CameraStatus,
} from './events/camera/status-changed.v1';
export {
  ALERT_SEVERITIES,
  CAMERA_ALERT_TYPES,
  CameraAlertRaised,
  CameraAlertRaisedV1,
  type AlertSeverity,
  type CameraAlertType,
} from './events/camera/alert-raised.v1';
export { CameraAlertAcknowledged, CameraAlertAcknowledgedV1 } from './events/camera/alert-acknowledged.v1';
export { TrafficCounted, TrafficCountedV1 } from './events/camera/traffic-counted.v1';
export {
  CONGESTION_LEVELS,
  CongestionStarted,
  CongestionStartedV1,
  type CongestionLevel,
} from './events/camera/congestion-started.v1';
export { CongestionEnded, CongestionEndedV1 } from './events/camera/congestion-ended.v1';
export {
  IsReportingPeriod,
  PERIOD_PATTERN,
  REPORTING_PERIOD_KINDS,
  parseReportingPeriod,
  type ReportingPeriod,
  type ReportingPeriodKind,
} from './events/reporting/reporting-period';
export { ReportDue, ReportDueV1 } from './events/reporting/report-due.v1';
export { ReportSubmitted, ReportSubmittedV1 } from './events/reporting/report-submitted.v1';
export {
  INDICATOR_ID_PATTERN,
  IndicatorReported,
  IndicatorReportedV1,
  RATIO_TOLERANCE,
} from './events/reporting/indicator-reported.v1';
export { KpiInputsChanged } from './kpi-changes/kpi-inputs-changed';
export { parseKpiInputsChanged, type ParsedNotice } from './kpi-changes/parse-kpi-inputs-changed';
export {
  ALERT_KINDS,
  PILLARS,
  SCREEN_AUDIENCES,
  WALL_SCREEN_NAMESPACE,
  Reconnector,
  reconnectDelay,
  screenRoom,
  type AlertKind,
  type ClientToServerEvents,
  type CommuneKpi,
  type CommuneRow,
  type LiveTile,
  type Pillar,
  type ScreenAlert,
  type ScreenAudience,
  type ScreenDelta,
  type ScreenSnapshot,
  type ScreenUnit,
  type ServerToClientEvents,
  type SourceHealth,
  type SubscribeReply,
  type SubscribeRequest,
  type TileTarget,
} from './ws/wall-screen.events';
