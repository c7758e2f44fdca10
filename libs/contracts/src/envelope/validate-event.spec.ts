import { DossierReceived } from '../events/onestop/dossier-received.v1';
import { exampleEnvelope } from '../events/example-envelope';
import { validateEvent, type EventValidation } from './validate-event';

const policy = { now: new Date('2026-11-23T03:00:00Z'), maxFutureSkewMs: 5 * 60_000 };

function rejectionOf(result: EventValidation) {
  if (result.ok) throw new Error('expected a rejection');
  return result.rejection;
}

describe(validateEvent.name, () => {
  it('accepts the golden example and keeps its typed payload', () => {
    const result = validateEvent(exampleEnvelope(DossierReceived), policy);
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.event.definition).toBe(DossierReceived);
      expect(result.event.occurredAt.toISOString()).toBe('2026-11-23T01:15:00.000Z');
    }
  });

  it.each([
    ['a JSON array', [], 'invalid_envelope'],
    ['null', null, 'invalid_envelope'],
    ['a missing eventId', { ...exampleEnvelope(DossierReceived), eventId: undefined }, 'invalid_envelope'],
    ['a malformed unit code', exampleEnvelope(DossierReceived, { unitCode: '2673' }), 'invalid_envelope'],
    [
      'an unknown type',
      exampleEnvelope(DossierReceived, { type: 'onestop.dossier.teleported' }),
      'unknown_type',
    ],
    ['an unknown version', exampleEnvelope(DossierReceived, { schemaVersion: 9 }), 'unknown_type'],
    ['a type of another source', exampleEnvelope(DossierReceived, { source: 'qlvb' }), 'source_mismatch'],
    [
      'a date without zone',
      exampleEnvelope(DossierReceived, { occurredAt: '2026-11-23T08:00:00' }),
      'invalid_envelope',
    ],
    [
      'an impossible date',
      exampleEnvelope(DossierReceived, { occurredAt: '2026-02-30T08:00:00Z' }),
      'invalid_envelope',
    ],
    [
      'a far-future date',
      exampleEnvelope(DossierReceived, { occurredAt: '2027-01-01T00:00:00Z' }),
      'occurred_in_future',
    ],
    [
      'a producedAt in the future',
      exampleEnvelope(DossierReceived, { producedAt: '2042-01-01T00:00:00Z' }),
      'invalid_envelope',
    ],
    [
      'a producedAt before 2000',
      exampleEnvelope(DossierReceived, { producedAt: '1969-12-31T00:00:00Z' }),
      'invalid_envelope',
    ],
    [
      'a date before 2000',
      exampleEnvelope(DossierReceived, { occurredAt: '1970-01-01T00:00:00Z' }),
      'occurred_too_early',
    ],
  ])('rejects %s with code %s', (_label, record, code) => {
    expect(rejectionOf(validateEvent(record, policy)).code).toBe(code);
  });

  it('names the offending payload field in the reason', () => {
    const record = exampleEnvelope(DossierReceived);
    const bad = { ...record, payload: { ...record.payload, channel: 'fax' } };
    const rejection = rejectionOf(validateEvent(bad, policy));
    expect(rejection.code).toBe('invalid_payload');
    expect(rejection.reason).toContain('payload.channel');
    expect(rejection.reason).toContain('online, counter, postal');
  });

  it('accepts an event inside the clock-skew allowance', () => {
    const nearFuture = new Date(policy.now.getTime() + 60_000).toISOString();
    expect(validateEvent(exampleEnvelope(DossierReceived, { occurredAt: nearFuture }), policy).ok).toBe(true);
  });
});
