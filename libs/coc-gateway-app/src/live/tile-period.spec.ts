import { findKpi, type KpiDefinition } from '@libs/kpi';
import { tilePeriodOf, trendSpan } from './tile-period';

describe('tile periods', () => {
  it('shows live KPIs for today and reported ones for their running period', () => {
    expect(tilePeriodOf(findKpi('tthc_dossiers_on_central_onestop_pct') as KpiDefinition)).toBe('day');
    expect(tilePeriodOf(findKpi('households_fibre_coverage_pct') as KpiDefinition)).not.toBe('day');
  });

  it('spans the periods before the current one, in local dates', () => {
    // 2026-12-01 01:30 in Hà Nội is still 30 November in UTC.
    const now = new Date('2026-11-30T18:30:00Z');
    expect(trendSpan('day', 14, now)).toEqual({ from: '2026-11-17', to: '2026-11-30' });
    expect(trendSpan('month', 6, now)).toEqual({ from: '2026-06-01', to: '2026-11-30' });
    expect(trendSpan('year', 0, now)).toBeUndefined();
  });
});
