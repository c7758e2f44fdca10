import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { IndicatorReported, IndicatorReportedV1 } from './indicator-reported.v1';

const base = IndicatorReported.example.payload;

function errorsOf(patch: Partial<Record<keyof IndicatorReportedV1, unknown>>): Record<string, string[]> {
  const payload = plainToInstance(IndicatorReportedV1, { ...base, ...patch });
  return Object.fromEntries(
    validateSync(payload).map((e) => [e.property, Object.values(e.constraints ?? {})]),
  );
}

describe('IndicatorReportedV1 value / numerator / denominator', () => {
  it.each([
    ['the example (4120 / 4875 = 84.5128…)', {}],
    ['the exact ratio', { value: (100 * 4120) / 4875 }],
    ['a value 0.009 off', { value: 84.5128 + 0.009 }],
    ['a value rounded to one decimal', { numerator: 1, denominator: 3, value: 33.33 }],
    ['a zero numerator', { numerator: 0, value: 0 }],
    ['a plain figure with neither', { numerator: undefined, denominator: undefined, value: 1234 }],
    ['both absent as null', { numerator: null, denominator: null, value: 7 }],
    ['a share above 100 that matches', { numerator: 6, denominator: 5, value: 120 }],
    ['a figure per head (scale 1)', { numerator: 90_400, denominator: 2000, value: 45.2, scale: 1 }],
    ['a rate per thousand (scale 1000)', { numerator: 27, denominator: 2000, value: 13.5, scale: 1000 }],
  ])('accepts %s', (_label, patch) => {
    expect(errorsOf(patch)).toEqual({});
  });

  it.each([
    ['a value 0.02 off', { value: 84.5128 + 0.02 }, /= 84\.5128 \(±0\.01\)/],
    ['a value as a fraction of 1', { value: 0.845 }, /100 × numerator \/ denominator/],
    ['a numerator alone', { denominator: undefined }, /given together/],
    ['a denominator alone', { numerator: undefined }, /given together/],
    [
      'a figure per head given as a percentage',
      { numerator: 90_400, denominator: 2000, value: 4520, scale: 1 },
      /1 × numerator \/ denominator = 45\.2000/,
    ],
  ])('refuses %s on value', (_label, patch, message) => {
    const errors = errorsOf(patch);
    expect(Object.keys(errors)).toEqual(['value']);
    expect(errors.value.join(' ')).toMatch(message);
  });

  it('leaves a zero or non-numeric denominator to the field rules, not the ratio', () => {
    expect(Object.keys(errorsOf({ denominator: 0 }))).toEqual(['denominator']);
    expect(Object.keys(errorsOf({ numerator: 'many' }))).toEqual(['numerator']);
    expect(Object.keys(errorsOf({ scale: 0 }))).toEqual(['scale']);
  });
});
