import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { exactContract } from '../envelope/compiled-validation';
import { KpiInputsChanged } from './kpi-inputs-changed';
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

describe('the compiled notice schema', () => {
  /** class-validator's own verdict and whitelisted fields, as parseContract gave them before the schema. */
  function byClasses(plain: object) {
    const instance = plainToInstance(KpiInputsChanged, plain);
    const errors = validateSync(instance, { whitelist: true, forbidUnknownValues: true });
    return errors.length > 0 ? undefined : { ...instance };
  }

  const odd: unknown[] = [
    null,
    0,
    1.5,
    true,
    '',
    'x',
    [],
    {},
    '2026-02-30T00:00:00Z',
    '2026-11-23',
    '2026-11-23T01:00:00Z',
    '2026-11-23T01:00:00.123+07:00',
    '2026-11-23 01:00:00',
    '2026-11-23T25:00:00Z',
    '1',
    '26',
    '267',
    '2673',
    '26734',
    '267345',
    'a6734',
    'onestop',
    'camera',
    'ONESTOP',
    ['onestop.dossier.received'],
    ['x'.repeat(100)],
    ['x'.repeat(101)],
    ['a', 1],
    [null],
    'onestop.dossier.received',
  ];
  const corpus: object[] = [
    valid,
    { ...valid, extra: 'dropped' },
    ...Object.keys(valid).flatMap((field) => [
      Object.fromEntries(Object.entries(valid).filter(([key]) => key !== field)),
      ...odd.map((value) => ({ ...valid, [field]: value })),
    ]),
  ];

  it('carries every rule of the notice class (so no notice needs class-validator to be accepted)', () => {
    expect(exactContract(KpiInputsChanged)).not.toBeNull();
  });

  it(`accepts and refuses exactly what the class does, keeping the same fields (${corpus.length} notices)`, () => {
    const verdicts = corpus.map((plain) => {
      const parsed = parseKpiInputsChanged(bytes(plain));
      return { plain, schema: parsed.ok ? { ...parsed.notice } : undefined, classes: byClasses(plain) };
    });
    const canonical = (o?: object) =>
      o && JSON.stringify(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : 1)));
    expect(verdicts.filter((v) => canonical(v.schema) !== canonical(v.classes))).toEqual([]);
    expect(verdicts.filter((v) => v.classes).length).toBeGreaterThan(10);
    expect(verdicts.filter((v) => !v.classes).length).toBeGreaterThan(100);
  });
});
