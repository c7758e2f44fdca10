import { EVENT_DEFINITIONS, exampleEnvelope } from '@libs/contracts';
import { eq, findKpi, notBeforeOccurrence, oneOf, type EventSet, type KpiDefinition } from '../index';
import {
  correlatedInputsOf,
  KPI_CORRELATIONS,
  KPI_INPUTS,
  kpiCorrelationsOf,
  kpiInputRowsOf,
  kpiInputRowsOfStored,
  kpiInputsOf,
  mainInputOf,
  type KpiInputEvent,
} from './kpi-input';

const kpi = (id: string): KpiDefinition => {
  const found = findKpi(id);
  if (!found) throw new Error(`no KPI ${id}`);
  return found;
};
const event = (type: string, payload: Record<string, unknown>, occurredAt = '2026-11-05T10:00:00+07:00') => ({
  eventId: 'e1',
  type,
  unitCode: '26734',
  occurredAt,
  payload,
});
const secondsOf = (iso: string) => Date.parse(iso) / 1000;

describe('KPI inputs', () => {
  it('have stable, readable ids: the type and a hash of conditions, key and placement', () => {
    const set: EventSet = {
      type: 'qlvb.workfile.closed',
      where: [eq('secret', false)],
      distinctBy: 'workFileId',
    };
    expect(mainInputOf(set).id).toMatch(/^qlvb\.workfile\.closed#[0-9a-f]{10}$/);
    expect(mainInputOf({ ...set }).id).toBe(mainInputOf(set).id);
    expect(mainInputOf({ ...set, distinctBy: 'other' }).id).not.toBe(mainInputOf(set).id);
    expect(mainInputOf({ ...set, placedBy: 'dueAt' }).id).not.toBe(mainInputOf(set).id);
  });

  it('do not depend on the order conditions or listed values are written in', () => {
    const a = mainInputOf({ type: 't.x', where: [eq('a', 1), oneOf('b', ['y', 'x'])] });
    const b = mainInputOf({ type: 't.x', where: [oneOf('b', ['x', 'y']), eq('a', 1)] });
    expect(a.id).toBe(b.id);
  });

  it('are shared by KPIs that count the same set, so the rollup keeps it once', () => {
    const fullyOnline = kpi('tthc_dossiers_fully_online_pct').formula;
    const onTime = kpi('dossiers_on_time_pct').formula;
    if (fullyOnline.kind !== 'ratio' || onTime.kind !== 'ratio') throw new Error('ratios expected');
    if ('reference' in fullyOnline.denominator || 'reference' in onTime.denominator)
      throw new Error('event sets');
    expect(mainInputOf(fullyOnline.denominator).id).toBe(mainInputOf(onTime.denominator).id);
    const ids = KPI_INPUTS.map((i) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('key correlated sets by the main set key, and leave sets with a deadline to the raw tables', () => {
    const digitized = kpi('tthc_results_digitized_pct').formula;
    const onTime = kpi('reports_submitted_on_time_pct').formula;
    if (digitized.kind !== 'ratio' || onTime.kind !== 'ratio') throw new Error('ratios expected');
    expect(correlatedInputsOf(digitized.numerator)).toEqual([
      expect.objectContaining({ type: 'onestop.result.digitized', distinctBy: 'dossierId' }),
    ]);
    expect(correlatedInputsOf(onTime.numerator)).toBeUndefined();
    expect(kpiInputsOf([kpi('camera_online_pct')])).toEqual([]);
  });

  it("name the correlations that change a main entity's days, deadlines included, each once", () => {
    const onTime = kpi('reports_submitted_on_time_pct');
    if (onTime.formula.kind !== 'ratio') throw new Error('ratio expected');
    expect(kpiCorrelationsOf([onTime, onTime])).toEqual([
      {
        mainInputId: mainInputOf(onTime.formula.numerator).id,
        type: 'reporting.report.submitted',
        key: 'reportId',
      },
    ]);
    expect(kpiCorrelationsOf([kpi('camera_online_pct')])).toEqual([]);
    for (const c of KPI_CORRELATIONS) expect(KPI_INPUTS.map((i) => i.id)).toContain(c.mainInputId);
  });

  it('name, for every event type they read, a key field every contract example carries', () => {
    for (const input of KPI_INPUTS) {
      const definition = EVENT_DEFINITIONS.find((d) => d.type === input.type);
      expect(definition).toBeDefined();
      if (!definition) continue;
      const payload = exampleEnvelope(definition).payload as Record<string, unknown>;
      for (const field of [input.distinctBy, input.placedBy].filter((f) => f !== undefined)) {
        expect([input.id, typeof payload[field]]).toEqual([input.id, 'string']);
      }
    }
  });
});

describe('kpiInputRowsOf', () => {
  const closed = kpi('work_files_processed_online_pct');
  const inputs = kpiInputsOf([closed]);

  it('yields a member row for every input whose type and conditions the event meets', () => {
    const online = event('qlvb.workfile.closed', { workFileId: 'W1', secret: false, online: true });
    const rows = kpiInputRowsOf(online, inputs);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toEqual({
      input_id: rows[0].input_id,
      unit_code: '26734',
      bucket: secondsOf('2026-11-05T10:00:00+07:00'),
      member: 'W1',
      event_id: 'e1',
      occurred_at: secondsOf('2026-11-05T10:00:00+07:00'),
    });
    expect(kpiInputRowsOf({ ...online, payload: { ...online.payload, online: false } }, inputs)).toHaveLength(
      1,
    );
    expect(kpiInputRowsOf({ ...online, payload: { ...online.payload, secret: true } }, inputs)).toEqual([]);
    expect(kpiInputRowsOf({ ...online, type: 'qlvb.workfile.opened' }, inputs)).toEqual([]);
  });

  it('treats a missing field as equal to nothing, and not_equals as holding', () => {
    const withdrawn = kpiInputsOf([kpi('dossiers_per_configured_workflow_pct')]);
    expect(kpiInputRowsOf(event('onestop.dossier.resolved', { dossierId: 'D' }), withdrawn)).toHaveLength(1);
    const resolved = kpiInputsOf([kpi('tthc_dossiers_fully_online_pct')]).filter(
      (i) => i.type === 'onestop.dossier.resolved',
    );
    expect(kpiInputRowsOf(event('onestop.dossier.resolved', { dossierId: 'D' }), resolved)).toHaveLength(1);
  });

  it('compares a not_before_occurrence date with occurredAt in whole seconds, as the store does', () => {
    const input = mainInputOf({ type: 't.x', where: [notBeforeOccurrence('dueAt')] });
    const at = '2026-11-05T10:00:00.700+07:00';
    expect(
      kpiInputRowsOf(event('t.x', { dueAt: '2026-11-05T10:00:00.200+07:00' }, at), [input]),
    ).toHaveLength(1);
    expect(kpiInputRowsOf(event('t.x', { dueAt: '2026-11-05T09:59:59+07:00' }, at), [input])).toEqual([]);
    expect(kpiInputRowsOf(event('t.x', { dueAt: 42 }, at), [input])).toEqual([]);
  });

  it('places an event by its placedBy date, and skips an event lacking its key or placement', () => {
    const due = kpiInputsOf([kpi('reports_submitted_on_time_pct')]);
    const report = event('reporting.report.due', { reportId: 'R', dueAt: '2026-12-05T17:00:00+07:00' });
    expect(kpiInputRowsOf(report, due)).toEqual([
      expect.objectContaining({ bucket: secondsOf('2026-12-05T17:00:00+07:00'), member: 'R' }),
    ]);
    expect(kpiInputRowsOf({ ...report, payload: { reportId: 'R' } }, due)).toEqual([]);
    expect(kpiInputRowsOf({ ...report, payload: { dueAt: report.payload.dueAt } }, due)).toEqual([]);
    expect(kpiInputRowsOf({ ...report, payload: { ...report.payload, reportId: 7 } }, due)).toEqual([
      expect.objectContaining({ member: '7' }),
    ]);
  });

  it('gives the same rows from a stored raw row as from the envelope ingest validated', () => {
    for (const definition of EVENT_DEFINITIONS) {
      const envelope = exampleEnvelope(definition) as KpiInputEvent;
      const stored = {
        event_id: envelope.eventId,
        type: envelope.type,
        unit_code: envelope.unitCode,
        occurred_at: Math.floor(Date.parse(envelope.occurredAt) / 1000),
        payload: JSON.stringify(envelope.payload),
      };
      expect(kpiInputRowsOfStored(stored)).toEqual(kpiInputRowsOf(envelope));
    }
    expect(
      EVENT_DEFINITIONS.some((d) => kpiInputRowsOf(exampleEnvelope(d) as KpiInputEvent).length > 0),
    ).toBe(true);
  });
});
