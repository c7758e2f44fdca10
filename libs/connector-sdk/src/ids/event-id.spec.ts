import { EVENT_ID_PATTERN } from '@libs/contracts';
import { eventIdFor } from './event-id';

describe(eventIdFor.name, () => {
  it('reads like the contract examples and is the same on every call', () => {
    expect(eventIdFor('onestop', '26734', 'HS000123', 'received')).toBe('onestop-26734-HS000123-received');
    expect(eventIdFor('qlvb', '26734', 'VB/12', 'registered')).toBe(
      eventIdFor('qlvb', '26734', 'VB/12', 'registered'),
    );
  });

  it('hashes entity ids that are too long or use other characters, keeping ids valid and distinct', () => {
    const ids = ['Số 12/UBND-VP', 'Số 12/UBND VP', 'x'.repeat(200)].map((e) =>
      eventIdFor('qlvb', '26734', e, 'registered'),
    );
    for (const id of ids) expect(id).toMatch(EVENT_ID_PATTERN);
    expect(new Set(ids).size).toBe(3);
    expect(ids[0]).toMatch(/^qlvb-26734-h[0-9a-f]{32}-registered$/);
  });

  it('refuses verbs that would make ids ambiguous', () => {
    expect(() => eventIdFor('qlvb', '26734', 'A', 'Registered Now')).toThrow(RangeError);
    expect(() => eventIdFor('qlvb', '26734', '', 'registered')).toThrow(RangeError);
  });
});
