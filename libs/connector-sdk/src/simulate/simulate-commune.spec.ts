import { EVENT_DEFINITIONS, validateEvent, type EventEnvelope } from '@libs/contracts';
import { isOfficeHours } from './local-time';
import { simulateCommune, simulationWindow } from './simulate-commune';

const now = new Date('2026-11-23T12:00:00+07:00');
const november = { unitCode: '26734', ...simulationWindow('2026-10-26', '2026-11-22'), seed: 1, now };
const events = simulateCommune(november);

const ms = (iso: string) => Date.parse(iso);
const payloadOf = (e: EventEnvelope) => e.payload;
const ofType = (type: string) => events.filter((e) => e.type === type);
const share = (part: number, whole: number) => part / whole;

/** Events of one entity (dossier, document…) in emission order, by the payload field naming it. */
function lifecycles(source: string, key: string): Map<string, string[]> {
  const byEntity = new Map<string, string[]>();
  for (const e of events.filter((x) => x.source === source)) {
    const id = payloadOf(e)[key];
    if (typeof id !== 'string') continue;
    byEntity.set(id, [...(byEntity.get(id) ?? []), e.type]);
  }
  return byEntity;
}

describe(simulateCommune.name, () => {
  it('is deterministic for a seed and differs for another', () => {
    expect(simulateCommune(november)).toEqual(events);
    const other = simulateCommune({ ...november, seed: 2 });
    expect(other.map((e) => e.eventId)).not.toEqual(events.map((e) => e.eventId));
  });

  it('produces every event type of the four sources, each valid under its contract', () => {
    expect(new Set(events.map((e) => e.type))).toEqual(new Set(EVENT_DEFINITIONS.map((d) => d.type)));
    const invalid = events
      .map((e) => ({ e, r: validateEvent(e, { now, maxFutureSkewMs: 0 }) }))
      .filter(({ r }) => !r.ok)
      .slice(0, 3)
      .map(({ e, r }) => ({ type: e.type, payload: e.payload, rejection: r.ok ? undefined : r.rejection }));
    expect(invalid).toEqual([]);
  });

  it('emits in time order, inside the window, with unique ids', () => {
    const times = events.map((e) => ms(e.occurredAt));
    expect(times.every((t, i) => i === 0 || times[i - 1] <= t)).toBe(true);
    expect(Math.min(...times)).toBeGreaterThanOrEqual(november.from.getTime());
    expect(Math.max(...times)).toBeLessThanOrEqual(november.to.getTime());
    expect(new Set(events.map((e) => e.eventId)).size).toBe(events.length);
    expect(events.every((e) => e.unitCode === '26734' && e.occurredAt.endsWith('+07:00'))).toBe(true);
    expect(events.every((e) => ms(e.producedAt) >= ms(e.occurredAt))).toBe(true);
  });

  it('never generates the future: the window is clipped to now', () => {
    const today = simulateCommune({ ...november, ...simulationWindow('2026-11-23', '2026-11-30') });
    expect(today.length).toBeGreaterThan(0);
    expect(Math.max(...today.map((e) => ms(e.occurredAt)))).toBeLessThanOrEqual(now.getTime());
  });

  it('gives a shorter window as a prefix of a longer one from the same start', () => {
    const shorter = simulateCommune({ ...november, to: new Date('2026-11-10T12:00:00+07:00') });
    expect(shorter.length).toBeGreaterThan(1000);
    expect(events.slice(0, shorter.length)).toEqual(shorter);
  });

  it('keeps desk work in office hours (Mon-Fri 07:30-11:30, 13:30-17:00)', () => {
    const citizenSide = (e: EventEnvelope) =>
      (e.type === 'onestop.dossier.submitted' && payloadOf(e).channel === 'online') ||
      e.type === 'onestop.dossier.rated' ||
      (e.type === 'onestop.fee.paid' && !['cash', 'kiosk'].includes(String(payloadOf(e).method)));
    const desk = events.filter((e) => (e.source === 'qlvb' || e.source === 'onestop') && !citizenSide(e));
    expect(desk.length).toBeGreaterThan(5000);
    expect(desk.filter((e) => !isOfficeHours(ms(e.occurredAt))).map((e) => e.eventId)).toEqual([]);
  });

  it('follows each dossier and document through its lifecycle in order', () => {
    const dossierOrder = [
      'onestop.dossier.submitted',
      'onestop.dossier.received',
      'onestop.dossier-step.completed',
      'onestop.dossier.resolved',
      'onestop.result.returned',
      'onestop.result.digitized',
      'onestop.fee.paid',
      'onestop.dossier.rated',
    ];
    for (const types of lifecycles('onestop', 'dossierId').values()) {
      expect(types[0]).toBe('onestop.dossier.submitted');
      const ranks = types.map((t) => dossierOrder.indexOf(t));
      expect(ranks.every((r, i) => i === 0 || ranks[i - 1] <= r)).toBe(true);
    }
    const incoming = [
      'qlvb.document.exchanged',
      'qlvb.document.registered',
      'qlvb.document.signed',
      'qlvb.document.assigned',
      'qlvb.document.processed',
    ];
    const outgoing = ['qlvb.document.registered', 'qlvb.document.signed', 'qlvb.document.exchanged'];
    for (const [id, types] of lifecycles('qlvb', 'documentId')) {
      const order = id.startsWith('VBDEN-') ? incoming : outgoing;
      const ranks = types.map((t) => order.indexOf(t));
      expect(ranks.every((r, i) => r >= 0 && (i === 0 || ranks[i - 1] < r))).toBe(true);
    }
    for (const types of lifecycles('camera', 'congestionId').values()) {
      expect(types).toEqual(['camera.congestion.started', 'camera.congestion.ended']);
    }
  });

  it('has the shares of a real commune', () => {
    const submitted = ofType('onestop.dossier.submitted');
    expect(
      share(submitted.filter((e) => payloadOf(e).channel === 'online').length, submitted.length),
    ).toBeCloseTo(0.7, 1);
    const resolved = ofType('onestop.dossier.resolved');
    const overdue = resolved.filter((e) => ms(e.occurredAt) > ms(String(payloadOf(e).dueAt)));
    expect(share(overdue.length, resolved.length)).toBeGreaterThan(0.05);
    expect(share(overdue.length, resolved.length)).toBeLessThan(0.15);
    const registered = ofType('qlvb.document.registered');
    const secret = registered.filter((e) => payloadOf(e).secret === true);
    expect(share(secret.length, registered.length)).toBeGreaterThan(0.01);
    expect(share(secret.length, registered.length)).toBeLessThan(0.06);
    expect(ofType('camera.device.registered')).toHaveLength(10);
  });

  it('counts traffic every 15 minutes around the clock, busier at rush hour', () => {
    const counts = ofType('camera.traffic.counted').filter((e) => payloadOf(e).cameraId === 'CAM-26734-004');
    const minutes = new Set(counts.map((e) => e.occurredAt.slice(14, 16)));
    expect(minutes).toEqual(new Set(['00', '15', '30', '45']));
    const at = (hour: string) => counts.filter((e) => e.occurredAt.slice(11, 13) === hour);
    const mean = (list: EventEnvelope[]) =>
      list.reduce((s, e) => s + Number(payloadOf(e).vehicles), 0) / list.length;
    expect(mean(at('08'))).toBeGreaterThan(3 * mean(at('03')));
  });

  it('reports monthly: due on the 1st, indicators with numerator and denominator', () => {
    const due = ofType('reporting.report.due');
    expect(due.map((e) => payloadOf(e).period)).toEqual(['2026-10', '2026-10', '2026-10']);
    const fibre = ofType('reporting.indicator.reported').find(
      (e) => payloadOf(e).indicatorId === 'households_fibre_coverage_pct',
    );
    expect(fibre && payloadOf(fibre)).toMatchObject({
      period: '2026-10',
      numerator: expect.any(Number),
      denominator: expect.any(Number),
    });
  });

  it('is cheap: about 100k events in a few seconds', () => {
    const started = Date.now();
    const many = simulateCommune({ ...november, ...simulationWindow('2026-01-01', '2026-03-31') });
    const seconds = (Date.now() - started) / 1000;
    expect(many.length).toBeGreaterThan(90_000);
    expect(seconds).toBeLessThan(5);
  });
});

describe(simulationWindow.name, () => {
  it('reads bare dates as whole local days and refuses nonsense', () => {
    expect(simulationWindow('2026-11-01', '2026-11-23')).toEqual({
      from: new Date('2026-11-01T00:00:00+07:00'),
      to: new Date('2026-11-23T23:59:59+07:00'),
    });
    expect(() => simulationWindow('2026-02-30', '2026-03-01')).toThrow('not a calendar date');
    expect(() => simulationWindow('2026-11-05', '2026-11-01')).toThrow('after');
    expect(() => simulationWindow('2026-11-01T08:00:00', '2026-11-02')).toThrow('with zone');
  });
});
