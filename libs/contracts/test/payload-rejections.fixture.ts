import type { EventEnvelope } from '../src/envelope/event-envelope';

/** Marks a field to delete rather than overwrite. */
export const MISSING = Symbol('missing field');

/** One characteristic way to get an event type's payload wrong, shared by the contract and schema tests. */
export interface PayloadRejection {
  why: string;
  field: string;
  value: unknown;
  /** The payload field the rejection reason names, when it is not `field` (cross-field rules). */
  named?: string;
  /** false where JSON Schema cannot express the rule: calendar days, arithmetic across fields. */
  inJsonSchema?: false;
}

const reject = (field: string, value: unknown, why: string, more: Partial<PayloadRejection> = {}) => ({
  field,
  value,
  why,
  ...more,
});

export const PAYLOAD_REJECTIONS: Readonly<Record<string, readonly PayloadRejection[]>> = {
  'qlvb.document.registered': [
    reject('direction', 'inbound', 'a direction the register does not use'),
    reject('channel', 'fax', 'an unknown channel'),
    reject('secret', 'no', 'secret as text'),
    reject('documentId', MISSING, 'no documentId'),
  ],
  'qlvb.document.signed': [
    reject('certificateType', 'self_signed', 'a self-signed certificate'),
    reject('method', 'usb', 'an unknown signing method'),
    reject('valid', MISSING, 'no verification result'),
  ],
  'qlvb.document.exchanged': [
    reject('via', 'fax', 'an unknown route'),
    reject('direction', 'incoming', 'a register direction instead of sent / received'),
  ],
  'qlvb.document.assigned': [
    reject('dueAt', '2026-11-27T17:00:00', 'a deadline without a time zone'),
    reject('dueAt', '2026-11-27', 'a deadline without a time'),
    reject('assigneeId', '', 'an empty assignee'),
  ],
  'qlvb.document.processed': [
    reject('assigneeId', MISSING, 'no assignee'),
    reject('documentId', 'x'.repeat(65), 'a documentId over 64 characters'),
  ],
  'qlvb.workfile.opened': [
    reject('secret', MISSING, 'no secrecy flag'),
    reject('workFileId', 42, 'a numeric id'),
  ],
  'qlvb.workfile.closed': [
    reject('online', 'true', 'online as text'),
    reject('signed', MISSING, 'no signed flag'),
  ],
  'qlvb.official.acted': [reject('action', 'delete', 'an unknown action')],
  'onestop.dossier.submitted': [
    reject('channel', 'kiosk', 'an unknown channel'),
    reject('eidAuthenticated', MISSING, 'no e-ID flag'),
  ],
  'onestop.dossier.received': [
    reject('channel', 'fax', 'an unknown channel'),
    reject('onCentralOneStop', MISSING, 'no central one-stop flag'),
  ],
  'onestop.dossier-step.completed': [
    reject('conformsToConfiguredWorkflow', MISSING, 'no conformity flag'),
    reject('stepName', 'x'.repeat(201), 'a step name over 200 characters'),
  ],
  'onestop.dossier.resolved': [
    reject('outcome', 'approved_late', 'an unknown outcome'),
    reject('dueAt', 'tomorrow', 'a deadline in words'),
    reject('dueAt', '2026-02-30T17:00:00+07:00', 'a deadline on a day that does not exist'),
  ],
  'onestop.result.returned': [reject('mode', 'email', 'an unknown return mode')],
  'onestop.result.digitized': [reject('dossierId', MISSING, 'no dossierId')],
  'onestop.fee.paid': [
    reject('amountVnd', -1, 'a negative amount'),
    reject('amountVnd', 1500.5, 'a fraction of a đồng'),
    reject('method', 'bitcoin', 'an unknown payment method'),
  ],
  'onestop.dossier.rated': [
    reject('score', 6, 'a score above 5'),
    reject('score', 0, 'a score below 1'),
    reject('satisfied', MISSING, 'no satisfaction verdict'),
  ],
  'camera.device.registered': [
    reject('latitude', 91, 'a latitude beyond the pole'),
    reject('longitude', -181, 'a longitude beyond -180'),
    reject('roadClass', 'highway', 'an unknown road class'),
    reject('ai', MISSING, 'no AI flag'),
  ],
  'camera.status.changed': [reject('status', 'offline', 'an unknown status')],
  'camera.alert.raised': [
    reject('alertType', 'explosion', 'an unknown alert type'),
    reject('severity', 'high', 'an unknown severity'),
  ],
  'camera.alert.acknowledged': [reject('acknowledgedBy', MISSING, 'no operator')],
  'camera.traffic.counted': [
    reject('intervalSeconds', 0, 'an empty interval'),
    reject('intervalSeconds', 86_401, 'an interval over a day'),
    reject('vehicles', -3, 'a negative count'),
    reject('averageSpeedKmh', -1, 'a negative speed'),
  ],
  'camera.congestion.started': [reject('level', 'jammed', 'an unknown level')],
  'camera.congestion.ended': [reject('congestionId', MISSING, 'no congestionId')],
  'reporting.report.due': [
    reject('period', '2026-13', 'month 13'),
    reject('period', '2026-Q5', 'quarter 5'),
    reject('period', '2026-02-30', 'a day that does not exist', { inJsonSchema: false }),
    reject('dueAt', '2026-11-20 17:00:00+07:00', 'a space between date and time'),
  ],
  'reporting.report.submitted': [
    reject('viaSystem', MISSING, 'no via-system flag'),
    reject('period', '2026-H3', 'half 3'),
    reject('agencyCode', MISSING, 'no agency'),
  ],
  'reporting.indicator.reported': [
    reject('indicatorId', 'Households-Fibre', 'an id that is not snake_case'),
    reject('value', 90, 'a value that disagrees with numerator / denominator', { inJsonSchema: false }),
    reject('denominator', MISSING, 'a numerator without denominator', {
      named: 'value',
      inJsonSchema: false,
    }),
    reject('denominator', 0, 'a zero denominator'),
    reject('revision', 0, 'revision 0'),
  ],
};

/** The envelope with one payload field replaced, or removed when value is MISSING. */
export function withPayloadField(
  envelope: EventEnvelope<object>,
  field: string,
  value: unknown,
): EventEnvelope<Record<string, unknown>> {
  const payload: Record<string, unknown> = { ...envelope.payload };
  if (value === MISSING) delete payload[field];
  else payload[field] = value;
  return { ...envelope, payload };
}
