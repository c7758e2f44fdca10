import { AdmissionGate } from './admission';

describe('AdmissionGate', () => {
  it('admits a burst, then paces new connections and says when to retry', () => {
    let now = 0;
    const gate = new AdmissionGate(10, 3, 100, () => now);
    expect([gate.admit(), gate.admit(), gate.admit()]).toEqual([0, 0, 0]);
    expect(gate.admit()).toBe(100);
    now = 100;
    expect(gate.admit()).toBe(0);
  });

  it('refuses beyond the ceiling of open connections until one closes', () => {
    const gate = new AdmissionGate(1_000, 1_000, 2, () => 0);
    gate.admit();
    gate.admit();
    expect(gate.admit()).toBeGreaterThan(0);
    gate.release();
    expect(gate.admit()).toBe(0);
  });
});
