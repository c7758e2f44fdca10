import { KPI_CATALOG } from '@libs/kpi';
import { kpisAffectedBy } from './affected-kpis';

describe('kpisAffectedBy', () => {
  it('names the KPIs whose formulas or measures read the changed event types, and only those', () => {
    const ids = kpisAffectedBy(KPI_CATALOG, ['camera.alert.acknowledged']).map((k) => k.id);
    expect(ids).toEqual(['ai_camera_alerts_count']);
    const received = kpisAffectedBy(KPI_CATALOG, ['onestop.dossier.received']).map((k) => k.id);
    expect(received).toContain('tthc_dossiers_on_central_onestop_pct');
    expect(received.every((id) => KPI_CATALOG.find((k) => k.id === id)?.sources.includes('onestop'))).toBe(
      true,
    );
    expect(kpisAffectedBy(KPI_CATALOG, ['qlvb.unknown.type'])).toEqual([]);
  });
});
