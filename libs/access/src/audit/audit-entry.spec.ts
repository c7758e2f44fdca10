import { parseAccessAudit } from '@libs/contracts';
import type { Principal } from '../principal';
import { auditEntry, httpFacts } from './audit-entry';

const district: Principal = { id: 'viewer-district-248', role: 'viewer', units: ['248'], sources: 'all' };
const now = new Date('2026-12-01T03:04:05.678Z');
const ID = '0b7f2a4e-6c1d-4f8e-9a3b-5d2c1e0f4a7b';

describe(auditEntry.name, () => {
  it('names the principal by key id, role and scope, and is a valid AccessAuditV1', () => {
    const sut = auditEntry(
      'coc-gateway',
      {
        channel: 'http',
        action: 'GET /api/v1/units/:unitCode/kpis',
        address: '10.0.0.7',
        principal: district,
        status: 200,
        ...httpFacts(
          { unitCode: '26734' },
          { period: 'day', date: '2026-12-01' },
          {
            unitCode: '26734',
            asOf: '2026-12-01T03:04:05.000Z',
            period: { kind: 'day', from: '2026-12-01', to: '2026-12-01' },
            kpis: [{ kpiId: 'a_pct' }, { kpiId: 'b_count' }],
          },
        ),
      },
      now,
      ID,
    );
    expect(sut).toEqual({
      id: ID,
      at: '2026-12-01T03:04:05.678Z',
      app: 'coc-gateway',
      channel: 'http',
      principalId: 'viewer-district-248',
      role: 'viewer',
      scope: ['248'],
      address: '10.0.0.7',
      action: 'GET /api/v1/units/:unitCode/kpis',
      unitCodes: ['26734'],
      kpiIds: ['a_pct', 'b_count'],
      periodName: 'day',
      periodFrom: '2026-12-01',
      periodTo: '2026-12-01',
      asOf: '2026-12-01T03:04:05.000Z',
      outcome: 'allowed',
      status: 200,
      detail: '',
    });
    expect(parseAccessAudit(Buffer.from(JSON.stringify(sut)))).toEqual({
      ok: true,
      value: expect.anything(),
    });
  });

  it('keeps only well-formed codes, ids and days from a refused call, and its message', () => {
    const sut = auditEntry(
      'ioc-sync',
      {
        channel: 'http',
        action: 'GET /api/v1/ioc/units/:unitCode/rollups',
        address: undefined,
        principal: undefined,
        status: 401,
        detail: 'missing credential',
        ...httpFacts(
          { unitCode: "26734'; DROP" },
          { kpi: 'good_id,bad id!', from: 'yesterday', to: '2026-11-30' },
          undefined,
        ),
      },
      now,
      ID,
    );
    expect(sut).toMatchObject({
      principalId: '',
      role: '',
      scope: [],
      unitCodes: [],
      kpiIds: ['good_id'],
      periodFrom: '',
      periodTo: '2026-11-30',
      outcome: '401',
      detail: 'missing credential',
    });
    expect(parseAccessAudit(Buffer.from(JSON.stringify(sut))).ok).toBe(true);
  });

  it.each([
    [403, '403'],
    [404, '404'],
    [429, '429'],
    [413, '4xx'],
    [503, '5xx'],
    [304, 'allowed'],
  ])('files status %i as %s', (status, outcome) => {
    const sut = auditEntry(
      'x',
      { channel: 'socket', action: 'subscribe', address: '', principal: undefined, status },
      now,
    );
    expect(sut.outcome).toBe(outcome);
  });

  it('writes ["*"] for a principal of every unit, and never more of it than the id, role and scope', () => {
    const admin: Principal = { id: 'admin', role: 'admin', units: 'all', sources: 'all' };
    const sut = auditEntry(
      'x',
      { channel: 'http', action: 'GET /x', address: '', principal: admin, status: 200 },
      now,
    );
    expect(sut.scope).toEqual(['*']);
    expect(Object.keys(sut)).not.toContain('sources');
  });
});

describe(httpFacts.name, () => {
  const entryOf = (facts: ReturnType<typeof httpFacts>) =>
    auditEntry(
      'ioc-sync',
      { channel: 'http', action: 'GET /x', address: '', principal: district, status: 200, ...facts },
      now,
    );

  it('reads the pull API answer: its unit, KPIs, days and asOf', () => {
    const facts = httpFacts(
      { unitCode: '248' },
      { kpi: 'k1,k2' },
      {
        unitCode: '248',
        kpis: ['k1', 'k2'],
        from: '2025-06-01',
        to: '2025-06-30',
        asOf: '2026-12-01T03:00:00.000Z',
      },
    );
    expect(entryOf(facts)).toMatchObject({
      unitCodes: ['248'],
      kpiIds: ['k1', 'k2'],
      periodName: 'days',
      periodFrom: '2025-06-01',
      periodTo: '2025-06-30',
      asOf: '2026-12-01T03:00:00.000Z',
    });
  });

  it('names the origin of a sync batch', () => {
    expect(
      entryOf(httpFacts(undefined, undefined, { origin: '26734', appliedThrough: 3 })).unitCodes,
    ).toEqual(['26734']);
  });
});
