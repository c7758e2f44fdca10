import { AGENCIES_USING_REPORTING_SYSTEM_SCENARIO } from './agencies-using-reporting-system-pct.scenario';
import { AI_CAMERA_ALERTS_SCENARIO, AI_CAMERA_ACKNOWLEDGE_SCENARIO } from './ai-camera-alerts-count.scenario';
import { CAMERA_ONLINE_SCENARIO } from './camera-online-pct.scenario';
import { DOCS_DIGITALLY_SIGNED_SCENARIO } from './docs-digitally-signed-pct.scenario';
import { DOCS_EXCHANGED_ONLINE_SCENARIO } from './docs-exchanged-online-pct.scenario';
import { DOCS_OVERDUE_SCENARIO } from './docs-overdue-count.scenario';
import { DOSSIERS_ON_TIME_SCENARIO } from './dossiers-on-time-pct.scenario';
import { DOSSIERS_OVERDUE_OPEN_SCENARIO } from './dossiers-overdue-open.scenario';
import { DOSSIERS_PER_CONFIGURED_WORKFLOW_SCENARIO } from './dossiers-per-configured-workflow-pct.scenario';
import { DVC_USERS_EID_AUTHENTICATED_SCENARIO } from './dvc-users-eid-authenticated-pct.scenario';
import { OFFICIALS_QLVB_ACTIVE_SCENARIO } from './officials-qlvb-active-pct.scenario';
import {
  HOUSEHOLDS_FIBRE_COVERAGE_SCENARIO,
  POPULATION_PAYMENT_ACCOUNT_SCENARIO,
  HOUSEHOLDS_VPOSTCODE_SCENARIO,
  OCOP_PRODUCTS_ONLINE_SCENARIO,
  RESIDENTS_TELEHEALTH_ACCESS_SCENARIO,
} from './reported-figures.scenario';
import { REPORTS_SUBMITTED_ON_TIME_SCENARIO } from './reports-submitted-on-time-pct.scenario';
import {
  TRAFFIC_CONGESTION_SCENARIO,
  TRAFFIC_CONGESTION_DURATION_SCENARIO,
} from './traffic-congestion-events.scenario';
import { TTHC_DOSSIERS_FULLY_ONLINE_SCENARIO } from './tthc-dossiers-fully-online-pct.scenario';
import { TTHC_DOSSIERS_ON_CENTRAL_ONESTOP_SCENARIO } from './tthc-dossiers-on-central-onestop-pct.scenario';
import { TTHC_FEE_PAID_CASHLESS_SCENARIO } from './tthc-fee-paid-cashless-pct.scenario';
import { TTHC_RESULTS_DIGITIZED_SCENARIO } from './tthc-results-digitized-pct.scenario';
import { TTHC_SATISFACTION_SCENARIO } from './tthc-satisfaction-pct.scenario';
import { WORK_FILES_PROCESSED_ONLINE_SCENARIO } from './work-files-processed-online-pct.scenario';
import type { KpiScenario } from './kpi-scenario';

/** Every hand-checked scenario, at least one per KPI of the catalog and per further measure. */
export const KPI_SCENARIOS: readonly KpiScenario[] = [
  AGENCIES_USING_REPORTING_SYSTEM_SCENARIO,
  AI_CAMERA_ALERTS_SCENARIO,
  AI_CAMERA_ACKNOWLEDGE_SCENARIO,
  CAMERA_ONLINE_SCENARIO,
  DOCS_DIGITALLY_SIGNED_SCENARIO,
  DOCS_EXCHANGED_ONLINE_SCENARIO,
  DOCS_OVERDUE_SCENARIO,
  DOSSIERS_ON_TIME_SCENARIO,
  DOSSIERS_OVERDUE_OPEN_SCENARIO,
  DOSSIERS_PER_CONFIGURED_WORKFLOW_SCENARIO,
  DVC_USERS_EID_AUTHENTICATED_SCENARIO,
  OFFICIALS_QLVB_ACTIVE_SCENARIO,
  HOUSEHOLDS_FIBRE_COVERAGE_SCENARIO,
  POPULATION_PAYMENT_ACCOUNT_SCENARIO,
  HOUSEHOLDS_VPOSTCODE_SCENARIO,
  OCOP_PRODUCTS_ONLINE_SCENARIO,
  RESIDENTS_TELEHEALTH_ACCESS_SCENARIO,
  REPORTS_SUBMITTED_ON_TIME_SCENARIO,
  TRAFFIC_CONGESTION_SCENARIO,
  TRAFFIC_CONGESTION_DURATION_SCENARIO,
  TTHC_DOSSIERS_FULLY_ONLINE_SCENARIO,
  TTHC_DOSSIERS_ON_CENTRAL_ONESTOP_SCENARIO,
  TTHC_FEE_PAID_CASHLESS_SCENARIO,
  TTHC_RESULTS_DIGITIZED_SCENARIO,
  TTHC_SATISFACTION_SCENARIO,
  WORK_FILES_PROCESSED_ONLINE_SCENARIO,
];
