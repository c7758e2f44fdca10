/**
 * Batches of one origin are applied in sequence order, each exactly once: a delivery whose batches
 * are all applied is acknowledged and changes nothing; one that starts beyond the next batch is
 * refused with the cursor, so the sender resumes from where the receiver stopped. A delivery of
 * batches `firstSeq` … `seq` that overlaps applied ones is applied whole: applying a batch's
 * events and watermarks again changes nothing (the stores keep sets of event ids, the latest mark).
 */
export type ApplyDecision = 'apply' | 'already_applied' | 'gap';

export function decideApply(appliedThrough: number, seq: number, firstSeq: number = seq): ApplyDecision {
  if (firstSeq > seq) throw new RangeError(`firstSeq ${firstSeq} is after seq ${seq}`);
  if (seq <= appliedThrough) return 'already_applied';
  return firstSeq <= appliedThrough + 1 ? 'apply' : 'gap';
}
