/**
 * Batches of one origin are applied in sequence order, each exactly once: a batch already applied
 * is acknowledged and changes nothing; a batch beyond the next one is refused with the cursor, so
 * the sender resumes from where the receiver stopped.
 */
export type ApplyDecision = 'apply' | 'already_applied' | 'gap';

export function decideApply(appliedThrough: number, seq: number): ApplyDecision {
  if (seq <= appliedThrough) return 'already_applied';
  return seq === appliedThrough + 1 ? 'apply' : 'gap';
}
