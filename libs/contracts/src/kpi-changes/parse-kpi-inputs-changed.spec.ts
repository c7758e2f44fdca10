import { parseKpiInputsChanged } from './parse-kpi-inputs-changed';

const bytes = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value));
const valid = {
  unitCode: '26734',
  source: 'onestop',
  types: ['onestop.dossier.received'],
  from: '2026-11-23T01:00:00.000Z',
  to: '2026-11-23T02:00:00.000Z',
  storedAt: '2026-11-23T02:00:01.000Z',
};

describe(parseKpiInputsChanged.name, () => {
  it('accepts a notice as its contract class defines it', () => {
    const parsed = parseKpiInputsChanged(bytes(valid));
    expect(parsed).toEqual({ ok: true, notice: expect.objectContaining(valid) as unknown });
  });

  it.each([
    ['the issue’s example', { unitCode: '1', types: [], from: 'x', to: 'x' }, 'unitCode'],
    ['a type that is not a string', { ...valid, types: [{}] }, 'types'],
    ['an impossible date', { ...valid, from: '2026-02-30T00:00:00Z' }, 'from'],
    ['a missing field', { ...valid, storedAt: undefined }, 'storedAt'],
    ['not an object', [valid], 'not a JSON object'],
    ['not JSON', '{"unitCode":', 'not JSON'],
    ['nothing', '', 'empty notice'],
  ])('refuses %s with a reason, never throwing', (_, value, named) => {
    const parsed = parseKpiInputsChanged(bytes(value));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toContain(named);
  });
});
