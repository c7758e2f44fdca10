import { decodeRecord, FRAME_HEADER_BYTES, frameRecord, sealFrame } from './log-record';

const sealed = (offset: number, ...args: Parameters<typeof frameRecord>) =>
  sealFrame(frameRecord(...args), offset);

describe('log records', () => {
  it('round-trips offset, time, key, value and headers, bytes exact', () => {
    const value = Buffer.from([0, 255, 10, 13]);
    const frame = sealed(42, 1_700_000_000_123, 'xã 26734', value, { reason: 'thiếu trường', 'x-empty': '' });
    expect(decodeRecord(frame)).toEqual({
      size: frame.length,
      record: {
        offset: 42,
        timestamp: 1_700_000_000_123,
        key: Buffer.from('xã 26734'),
        value,
        headers: { reason: 'thiếu trường', 'x-empty': '' },
      },
    });
  });

  it('keeps null apart from empty', () => {
    const decoded = decodeRecord(sealed(0, 1, null, ''));
    expect(decoded).toMatchObject({ record: { key: null, value: Buffer.alloc(0), headers: {} } });
  });

  it('reads one frame from the front of a longer buffer', () => {
    const first = sealed(7, 1, 'a', 'one');
    const decoded = decodeRecord(Buffer.concat([first, sealed(8, 1, 'b', 'two')]));
    expect(decoded).toMatchObject({ size: first.length, record: { offset: 7 } });
  });

  it('says incomplete for every cut inside a frame', () => {
    const frame = sealed(1, 1, 'k', 'some value');
    for (let cut = 0; cut < frame.length; cut++)
      expect(decodeRecord(frame.subarray(0, cut))).toBe('incomplete');
  });

  it('says corrupt when any body byte or the checksum changed', () => {
    const frame = sealed(1, 1, 'k', 'some value', { h: 'v' });
    for (let at = 4; at < frame.length; at++) {
      const damaged = Buffer.from(frame);
      damaged[at] ^= 0x01;
      expect(decodeRecord(damaged)).toBe('corrupt');
    }
  });

  it('says corrupt for an impossible length rather than waiting for bytes that never come', () => {
    const frame = Buffer.alloc(FRAME_HEADER_BYTES + 4);
    frame.writeUInt32LE(3, 0);
    expect(decodeRecord(frame)).toBe('corrupt');
    frame.writeUInt32LE(0xffffffff, 0);
    expect(decodeRecord(frame)).toBe('corrupt');
  });

  it('refuses to frame a record larger than the log admits', () => {
    expect(() => frameRecord(1, null, Buffer.alloc(64 * 1024 * 1024))).toThrow(/exceeds/);
  });
});
