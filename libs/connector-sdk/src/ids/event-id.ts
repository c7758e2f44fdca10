import { createHash } from 'node:crypto';
import { EVENT_ID_PATTERN, type SourceId } from '@libs/contracts';

const VERB = /^[a-z0-9][a-z0-9._-]{0,31}$/;
const SAFE_ENTITY = /^[A-Za-z0-9._:-]+$/;

/**
 * The id of "this verb happened to this entity of this unit in this source": the same inputs give
 * the same id on every run, so a re-run or a backfill overwrites instead of duplicating.
 * Entity ids that are long or use other characters are replaced by a hash of themselves.
 */
export function eventIdFor(source: SourceId, unitCode: string, entityId: string, verb: string): string {
  if (!VERB.test(verb))
    throw new RangeError(`verb must be 1-32 of a-z 0-9 . _ - (got ${JSON.stringify(verb)})`);
  if (entityId.length === 0) throw new RangeError('entityId must not be empty');
  const plain = `${source}-${unitCode}-${entityId}-${verb}`;
  if (SAFE_ENTITY.test(entityId) && EVENT_ID_PATTERN.test(plain)) return plain;
  const digest = createHash('sha256').update(entityId).digest('hex').slice(0, 32);
  const hashed = `${source}-${unitCode}-h${digest}-${verb}`;
  if (!EVENT_ID_PATTERN.test(hashed))
    throw new RangeError(`unitCode ${JSON.stringify(unitCode)} cannot be part of an event id`);
  return hashed;
}
