import { DossierReceived, exampleEnvelope, type DossierChannel } from '@libs/contracts';
import type { KpiEvent } from '@libs/kpi';

/** One `onestop.dossier.received` event, at a local time (+07:00). */
export function dossier(
  unitCode: string,
  id: string,
  localTime: string,
  channel: DossierChannel,
  onCentralOneStop: boolean,
): KpiEvent {
  const occurredAt = `${localTime}+07:00`;
  const envelope = exampleEnvelope(DossierReceived, {
    eventId: `onestop-${unitCode}-${id}-received`,
    unitCode,
    occurredAt,
    producedAt: occurredAt,
    payload: {
      dossierId: id,
      procedureCode: '1.001234',
      channel,
      onCentralOneStop,
      dueAt: '2025-12-31T17:00:00+07:00',
    },
  });
  return { ...envelope, payload: { ...envelope.payload } };
}

/**
 * Dossiers received in June 2025 under the pre-reform map, checked by hand for
 * tthc_dossiers_on_central_onestop_pct (N: on the central one-stop system, D: received):
 * - 26734: 4 dossiers, 3 central → 75 %; by channel online 2/2, counter 1/2
 * - 26737: 2 dossiers, 1 central → 50 %; online 1/1, postal 0/1
 * - district 248 = 26734 + 26737: N 4, D 6 → 66.67 % (the mean of 75 and 50 would be 62.5)
 * - 26740 and 26743 (district 249) send nothing: no feed
 * - 26734 on 1 July 2025 (after the merge): 1 dossier, central
 */
export const JUNE_2025_DOSSIERS: KpiEvent[] = [
  dossier('26734', 'A1', '2025-06-10T08:00:00', 'online', true),
  dossier('26734', 'A2', '2025-06-10T09:00:00', 'online', true),
  dossier('26734', 'A3', '2025-06-11T10:00:00', 'counter', true),
  dossier('26734', 'A4', '2025-06-12T11:00:00', 'counter', false),
  dossier('26737', 'B1', '2025-06-10T14:00:00', 'online', true),
  dossier('26737', 'B2', '2025-06-12T15:00:00', 'postal', false),
  dossier('26734', 'C1', '2025-07-01T08:30:00', 'online', true),
];
