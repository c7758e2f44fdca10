import { createHash } from 'node:crypto';
import { deadLetterCopy, TRUNCATION_MARKER } from './dead-letter-copy';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe(deadLetterCopy.name, () => {
  it('keeps a value that fits, describing it by size and SHA-256', () => {
    const value = Buffer.from('{"eventId":"e-1"}');
    expect(deadLetterCopy(value, 1024)).toEqual({
      value,
      originalBytes: value.length,
      sha256: sha256(value),
      truncated: false,
    });
  });

  it('shortens a value over the limit to the limit, ending with the marker, and describes the original', () => {
    const value = Buffer.alloc(3 * 1024 * 1024, 'a');
    const copy = deadLetterCopy(value, 4096);
    expect(copy.value?.length).toBe(4096);
    expect(copy.value?.toString('utf8').endsWith(TRUNCATION_MARKER)).toBe(true);
    expect(copy).toMatchObject({ originalBytes: value.length, sha256: sha256(value), truncated: true });
  });

  it('describes a record without a value as empty', () => {
    expect(deadLetterCopy(null, 10)).toEqual({
      value: null,
      originalBytes: 0,
      sha256: sha256(Buffer.alloc(0)),
      truncated: false,
    });
  });
});
