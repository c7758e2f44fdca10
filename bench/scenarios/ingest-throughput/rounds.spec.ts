import { median, relativeSpread } from '../../lib/spread';
import { legOrder } from './rounds';

describe('throughput rounds', () => {
  it('rotates the legs so each takes every slot once in three rounds', () => {
    expect([1, 2, 3, 4].map(legOrder)).toEqual([
      ['pipeline', 'bare', 'peer'],
      ['bare', 'peer', 'pipeline'],
      ['peer', 'pipeline', 'bare'],
      ['pipeline', 'bare', 'peer'],
    ]);
  });

  it('takes the median of odd and even counts and refuses none', () => {
    expect(median([0.9, 0.5, 0.7])).toBe(0.7);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(() => median([])).toThrow('no values');
  });

  it('states the spread of the rounds relative to their median', () => {
    expect(relativeSpread([0.6, 0.8, 0.7])).toBeCloseTo(0.2857, 4);
    expect(relativeSpread([1])).toBe(0);
  });
});
