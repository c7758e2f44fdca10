import type { AccessAuditV1 } from '@libs/contracts';
import { decideAuditRecords } from './audit-rows';

const entry: AccessAuditV1 = {
  id: '0b7f2a4e-6c1d-4f8e-9a3b-5d2c1e0f4a7b',
  at: '2026-12-01T02:15:04.512Z',
  app: 'coc-gateway',
  channel: 'http',
  principalId: 'viewer-district-248',
  role: 'viewer',
  scope: ['248'],
  address: '10.0.0.7',
  action: 'GET /api/v1/units/:unitCode/kpis/:kpiId',
  unitCodes: ['26740'],
  kpiIds: ['k'],
  periodName: '',
  periodFrom: '2025-06-10',
  periodTo: '2025-06-10',
  asOf: '',
  outcome: '403',
  status: 403,
  detail: 'unit 26740 is outside the scope of viewer-district-248',
};
const record = (offset: string, value: unknown) => ({
  topic: 'coc.access-audit.v1',
  partition: 0,
  offset,
  key: null,
  value: Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)),
});

describe(decideAuditRecords.name, () => {
  const storedAt = new Date('2026-12-01T02:15:05.000Z');

  it('turns an entry into its row, keyed by its first unit', () => {
    const { rows, rejects } = decideAuditRecords([record('1', entry)], storedAt);
    expect(rejects).toEqual([]);
    expect(rows).toEqual([
      expect.objectContaining({
        unit_code: '26740',
        at: Math.floor(Date.parse(entry.at) / 1000),
        principal_id: 'viewer-district-248',
        outcome: '403',
        stored_at: Math.floor(storedAt.getTime() / 1000),
      }),
    ]);
  });

  it('dead-letters what is not an entry, with its position and reason, and keeps the rest', () => {
    const { rows, rejects } = decideAuditRecords(
      [record('1', '{oops'), record('2', { ...entry, outcome: 'maybe' }), record('3', entry)],
      storedAt,
    );
    expect(rows).toHaveLength(1);
    expect(rejects.map((r) => [r.origin.offset, r.rejection.code])).toEqual([
      ['1', 'invalid_payload'],
      ['2', 'invalid_payload'],
    ]);
    expect(rejects[1].rejection.reason).toContain('outcome');
  });
});
