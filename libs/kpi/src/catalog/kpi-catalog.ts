import { DOCS_EXCHANGED_ONLINE_PCT } from './definitions/docs-exchanged-online-pct.kpi';
import { DOCS_DIGITALLY_SIGNED_PCT } from './definitions/docs-digitally-signed-pct.kpi';
import { WORK_FILES_PROCESSED_ONLINE_PCT } from './definitions/work-files-processed-online-pct.kpi';
import { DOCS_OVERDUE_COUNT } from './definitions/docs-overdue-count.kpi';
import { OFFICIALS_QLVB_ACTIVE_PCT } from './definitions/officials-qlvb-active-pct.kpi';
import { TTHC_DOSSIERS_FULLY_ONLINE_PCT } from './definitions/tthc-dossiers-fully-online-pct.kpi';
import { TTHC_DOSSIERS_ON_CENTRAL_ONESTOP_PCT } from './definitions/tthc-dossiers-on-central-onestop-pct.kpi';
import { DOSSIERS_PER_CONFIGURED_WORKFLOW_PCT } from './definitions/dossiers-per-configured-workflow-pct.kpi';
import { DOSSIERS_ON_TIME_PCT } from './definitions/dossiers-on-time-pct.kpi';
import { DOSSIERS_OVERDUE_OPEN } from './definitions/dossiers-overdue-open.kpi';
import { TTHC_SATISFACTION_PCT } from './definitions/tthc-satisfaction-pct.kpi';
import { DVC_USERS_EID_AUTHENTICATED_PCT } from './definitions/dvc-users-eid-authenticated-pct.kpi';
import { TTHC_FEE_PAID_CASHLESS_PCT } from './definitions/tthc-fee-paid-cashless-pct.kpi';
import { TTHC_RESULTS_DIGITIZED_PCT } from './definitions/tthc-results-digitized-pct.kpi';
import { CAMERA_ONLINE_PCT } from './definitions/camera-online-pct.kpi';
import { AI_CAMERA_ALERTS_COUNT } from './definitions/ai-camera-alerts-count.kpi';
import { TRAFFIC_CONGESTION_EVENTS } from './definitions/traffic-congestion-events.kpi';
import { REPORTS_SUBMITTED_ON_TIME_PCT } from './definitions/reports-submitted-on-time-pct.kpi';
import { AGENCIES_USING_REPORTING_SYSTEM_PCT } from './definitions/agencies-using-reporting-system-pct.kpi';
import { HOUSEHOLDS_FIBRE_COVERAGE_PCT } from './definitions/households-fibre-coverage-pct.kpi';
import { POPULATION_PAYMENT_ACCOUNT_PCT } from './definitions/population-payment-account-pct.kpi';
import { HOUSEHOLDS_VPOSTCODE_PCT } from './definitions/households-vpostcode-pct.kpi';
import { OCOP_PRODUCTS_ONLINE_PCT } from './definitions/ocop-products-online-pct.kpi';
import { RESIDENTS_TELEHEALTH_ACCESS_PCT } from './definitions/residents-telehealth-access-pct.kpi';
import type { KpiDefinition } from './kpi-definition';

/**
 * The one place a KPI is registered: the first set (event-fed and reported figures). Screens,
 * rollups and the SQL engine read KPIs from here, by id.
 */
export const KPI_CATALOG: readonly KpiDefinition[] = registry([
  DOCS_EXCHANGED_ONLINE_PCT,
  DOCS_DIGITALLY_SIGNED_PCT,
  WORK_FILES_PROCESSED_ONLINE_PCT,
  DOCS_OVERDUE_COUNT,
  OFFICIALS_QLVB_ACTIVE_PCT,
  TTHC_DOSSIERS_FULLY_ONLINE_PCT,
  TTHC_DOSSIERS_ON_CENTRAL_ONESTOP_PCT,
  DOSSIERS_PER_CONFIGURED_WORKFLOW_PCT,
  DOSSIERS_ON_TIME_PCT,
  DOSSIERS_OVERDUE_OPEN,
  TTHC_SATISFACTION_PCT,
  DVC_USERS_EID_AUTHENTICATED_PCT,
  TTHC_FEE_PAID_CASHLESS_PCT,
  TTHC_RESULTS_DIGITIZED_PCT,
  CAMERA_ONLINE_PCT,
  AI_CAMERA_ALERTS_COUNT,
  TRAFFIC_CONGESTION_EVENTS,
  REPORTS_SUBMITTED_ON_TIME_PCT,
  AGENCIES_USING_REPORTING_SYSTEM_PCT,
  HOUSEHOLDS_FIBRE_COVERAGE_PCT,
  POPULATION_PAYMENT_ACCOUNT_PCT,
  HOUSEHOLDS_VPOSTCODE_PCT,
  OCOP_PRODUCTS_ONLINE_PCT,
  RESIDENTS_TELEHEALTH_ACCESS_PCT,
]);

export function findKpi(id: string): KpiDefinition | undefined {
  return KPI_CATALOG.find((kpi) => kpi.id === id);
}

function registry(definitions: KpiDefinition[]): readonly KpiDefinition[] {
  const ids = new Set<string>();
  for (const definition of definitions) {
    if (ids.has(definition.id)) throw new Error(`KPI ${definition.id} is registered twice`);
    ids.add(definition.id);
  }
  return Object.freeze(definitions);
}
