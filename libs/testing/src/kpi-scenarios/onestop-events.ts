import { kpiEvent } from './kpi-scenario';

/** Builders for one-stop events in the scenarios, with the fixed payload fields filled in. */
export function received(id: string, dossierId: string, at: string, extra: object = {}, unit?: string) {
  return kpiEvent(
    id,
    'onestop.dossier.received',
    at,
    {
      dossierId,
      procedureCode: '1.001234',
      channel: 'online',
      onCentralOneStop: true,
      dueAt: '2026-12-31T17:00:00+07:00',
      ...extra,
    },
    unit,
  );
}

export function resolved(id: string, dossierId: string, at: string, extra: object = {}) {
  return kpiEvent(id, 'onestop.dossier.resolved', at, {
    dossierId,
    procedureCode: '1.001234',
    dueAt: '2026-12-31T17:00:00+07:00',
    outcome: 'approved',
    processedFullyOnline: true,
    workflowConformant: true,
    ...extra,
  });
}

export function returned(id: string, dossierId: string, at: string, mode: string) {
  return kpiEvent(id, 'onestop.result.returned', at, { dossierId, mode });
}
