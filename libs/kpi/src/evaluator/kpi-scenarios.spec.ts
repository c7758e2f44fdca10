import { validateEvent } from '@libs/contracts';
import { findKpi, KPI_CATALOG } from '../catalog/kpi-catalog';
import { evaluateKpi, evaluateMeasure, type KpiEvaluation } from './evaluate-kpi';
import { kpiStatus } from '../status/kpi-status';
import { KPI_SCENARIOS, scenarioEnvelope, type KpiScenario } from '@libs/testing';

function evaluate(scenario: KpiScenario, events = scenario.events): KpiEvaluation {
  const kpi = findKpi(scenario.kpiId);
  if (!kpi) throw new Error(`no KPI ${scenario.kpiId}`);
  return scenario.measureId
    ? evaluateMeasure(kpi, scenario.measureId, events, scenario.options)
    : evaluateKpi(kpi, events, scenario.options);
}

const name = (s: KpiScenario) => (s.measureId ? `${s.kpiId} / ${s.measureId}` : s.kpiId);

describe('hand-checked KPI scenarios', () => {
  it('cover every KPI of the catalog and every further measure', () => {
    for (const kpi of KPI_CATALOG) {
      expect(KPI_SCENARIOS.filter((s) => s.kpiId === kpi.id && !s.measureId).map((s) => s.kpiId)).toEqual([
        kpi.id,
      ]);
      for (const measure of kpi.measures ?? []) {
        expect(KPI_SCENARIOS.some((s) => s.kpiId === kpi.id && s.measureId === measure.id)).toBe(true);
      }
    }
    expect(KPI_CATALOG).toHaveLength(24);
  });

  describe.each(KPI_SCENARIOS.map((s) => [name(s), s] as const))('%s', (_, scenario) => {
    it(`gives the N, D and value worked out by hand: ${scenario.description}`, () => {
      const result = evaluate(scenario);
      expect(result.numerator).toBe(scenario.expected.numerator);
      expect(result.denominator).toBe(scenario.expected.denominator);
      if (scenario.expected.value === null) expect(result.value).toBeNull();
      else expect(result.value).toBeCloseTo(scenario.expected.value, 9);
      expect(result.noData).toBeNull();
    });

    it('holds only events that pass their contracts, so the same events can go through ingest', () => {
      const policy = { now: new Date('2030-01-01T00:00:00Z'), maxFutureSkewMs: 0 };
      const refused = scenario.events
        .map((event) => validateEvent(scenarioEnvelope(event), policy))
        .flatMap((v) => (v.ok ? [] : [v.rejection.reason]));
      expect(refused).toEqual([]);
    });

    it('is unchanged when every event is delivered twice, in reverse order', () => {
      const twice = [...scenario.events, ...[...scenario.events].reverse()];
      expect(evaluate(scenario, twice)).toEqual(evaluate(scenario));
    });

    it('has no data (not zero) with no events at all', () => {
      const result = evaluate(scenario, []);
      expect(result.value).toBeNull();
      expect(result.noData).toBe('no_feed');
      expect(result.unitsWithoutData).toEqual([...scenario.options.unitCodes]);
      expect(kpiStatus(result.value, undefined)).toBe('no_data');
    });
  });
});
