/**
 * A forward-only schema change. Every statement is idempotent (IF NOT EXISTS and friends), so a
 * migration interrupted half-way is simply run again.
 */
export interface Migration {
  id: string;
  statements: readonly string[];
}
