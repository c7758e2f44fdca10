import { CameraAlertAcknowledged } from './camera/alert-acknowledged.v1';
import { CameraAlertRaised } from './camera/alert-raised.v1';
import { CongestionEnded } from './camera/congestion-ended.v1';
import { CongestionStarted } from './camera/congestion-started.v1';
import { CameraRegistered } from './camera/device-registered.v1';
import { CameraStatusChanged } from './camera/status-changed.v1';
import { TrafficCounted } from './camera/traffic-counted.v1';
import type { EventDefinition } from './event-definition';
import { DossierRated } from './onestop/dossier-rated.v1';
import { DossierReceived } from './onestop/dossier-received.v1';
import { DossierResolved } from './onestop/dossier-resolved.v1';
import { DossierStepCompleted } from './onestop/dossier-step-completed.v1';
import { DossierSubmitted } from './onestop/dossier-submitted.v1';
import { FeePaid } from './onestop/fee-paid.v1';
import { ResultDigitized } from './onestop/result-digitized.v1';
import { ResultReturned } from './onestop/result-returned.v1';
import { DocumentAssigned } from './qlvb/document-assigned.v1';
import { DocumentExchanged } from './qlvb/document-exchanged.v1';
import { DocumentProcessed } from './qlvb/document-processed.v1';
import { DocumentRegistered } from './qlvb/document-registered.v1';
import { DocumentSigned } from './qlvb/document-signed.v1';
import { OfficialActed } from './qlvb/official-acted.v1';
import { WorkFileClosed } from './qlvb/workfile-closed.v1';
import { WorkFileOpened } from './qlvb/workfile-opened.v1';
import { IndicatorReported } from './reporting/indicator-reported.v1';
import { ReportDue } from './reporting/report-due.v1';
import { ReportSubmitted } from './reporting/report-submitted.v1';

/** Every wire event type COC Stream accepts. The one place a new event type is registered. */
export const EVENT_DEFINITIONS: readonly EventDefinition[] = [
  DocumentRegistered,
  DocumentSigned,
  DocumentExchanged,
  DocumentAssigned,
  DocumentProcessed,
  WorkFileOpened,
  WorkFileClosed,
  OfficialActed,
  DossierSubmitted,
  DossierReceived,
  DossierStepCompleted,
  DossierResolved,
  ResultReturned,
  ResultDigitized,
  FeePaid,
  DossierRated,
  CameraRegistered,
  CameraStatusChanged,
  CameraAlertRaised,
  CameraAlertAcknowledged,
  TrafficCounted,
  CongestionStarted,
  CongestionEnded,
  ReportDue,
  ReportSubmitted,
  IndicatorReported,
];

const byKey = new Map(EVENT_DEFINITIONS.map((d) => [`${d.type}@${d.schemaVersion}`, d]));

export function findEventDefinition(type: string, schemaVersion: number): EventDefinition | undefined {
  return byKey.get(`${type}@${schemaVersion}`);
}
