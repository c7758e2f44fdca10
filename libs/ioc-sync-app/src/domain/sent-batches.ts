/**
 * The batches this process appended, by number and time written: where the batches written since
 * an instant begin, without reading the outbox. Batches of an earlier process were written before
 * this one's first, so the record answers only for instants after that; earlier ones are `undefined`
 * (ask the outbox).
 */
export class SentBatches {
  private batches: { seq: number; createdAt: number }[] = [];
  /** Instants from here on are answered; before the first append, none. */
  private coveredFrom = Infinity;

  record(seq: number, createdAt: number): void {
    if (this.coveredFrom === Infinity) this.coveredFrom = createdAt + 1;
    this.batches.push({ seq, createdAt });
  }

  /** The first batch written at or after `at`, the next number when none was; forgets older batches. */
  firstSince(at: number, nextSeq: number): number | undefined {
    if (at < this.coveredFrom) return undefined;
    const first = this.batches.findIndex((b) => b.createdAt >= at);
    this.batches = first < 0 ? [] : this.batches.slice(first);
    this.coveredFrom = at;
    return this.batches[0]?.seq ?? nextSeq;
  }
}
