import { SentBatches } from './sent-batches';

describe('SentBatches', () => {
  it('answers only for instants after its first batch, and forgets what it was asked past', () => {
    const sent = new SentBatches();
    expect(sent.firstSince(100, 1)).toBeUndefined();
    sent.record(7, 100);
    sent.record(8, 110);
    sent.record(9, 120);
    // An earlier process may have written batches up to the first one's second.
    expect(sent.firstSince(100, 10)).toBeUndefined();
    expect(sent.firstSince(101, 10)).toBe(8);
    expect(sent.firstSince(115, 10)).toBe(9);
    expect(sent.firstSince(121, 10)).toBe(10);
    // Batch 8 is forgotten: an instant before the last one asked goes to the outbox.
    expect(sent.firstSince(105, 10)).toBeUndefined();
  });
});
