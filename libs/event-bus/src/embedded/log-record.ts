import { crc32 } from 'node:zlib';

/** One record as the log stores it: what was published, with its offset and append time. */
export interface LogRecord {
  offset: number;
  timestamp: number;
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, string>;
}

/**
 * Frame: body length (u32), CRC-32 of the body (u32), body. Body: offset (u64), append time in ms
 * (f64), key and value each as length (i32, -1 for null) and bytes, header count (u16), then per
 * header name and value as length (u32) and UTF-8 bytes. Little-endian throughout.
 */
export const FRAME_HEADER_BYTES = 8;
const MIN_BODY_BYTES = 8 + 8 + 4 + 4 + 2;
/** Larger than any record COC Stream writes (ingest caps a batch far below); guards a corrupt length. */
export const MAX_BODY_BYTES = 64 * 1024 * 1024;

const asBuffer = (data: string | Buffer | null): Buffer | null =>
  data === null ? null : typeof data === 'string' ? Buffer.from(data, 'utf8') : data;

/**
 * A record's frame without its offset and checksum, which the writer seals in write order
 * (sealFrame); throws for a record too large for the log.
 */
export function frameRecord(
  timestamp: number,
  key: string | Buffer | null,
  value: string | Buffer | null,
  headers: Record<string, string> = {},
): Buffer {
  const keyBytes = asBuffer(key);
  const valueBytes = asBuffer(value);
  const headerBytes = Object.entries(headers).map(
    ([name, text]) => [Buffer.from(name, 'utf8'), Buffer.from(text, 'utf8')] as const,
  );
  const bodyLength =
    MIN_BODY_BYTES +
    (keyBytes?.length ?? 0) +
    (valueBytes?.length ?? 0) +
    headerBytes.reduce((sum, [n, v]) => sum + 8 + n.length + v.length, 0);
  if (bodyLength > MAX_BODY_BYTES)
    throw new Error(`a record of ${bodyLength} bytes exceeds ${MAX_BODY_BYTES}`);
  const frame = Buffer.allocUnsafe(FRAME_HEADER_BYTES + bodyLength);
  frame.writeUInt32LE(bodyLength, 0);
  let at = FRAME_HEADER_BYTES + 8;
  at = frame.writeDoubleLE(timestamp, at);
  for (const bytes of [keyBytes, valueBytes]) {
    at = frame.writeInt32LE(bytes ? bytes.length : -1, at);
    if (bytes) at += bytes.copy(frame, at);
  }
  at = frame.writeUInt16LE(headerBytes.length, at);
  for (const [name, text] of headerBytes) {
    at = frame.writeUInt32LE(name.length, at);
    at += name.copy(frame, at);
    at = frame.writeUInt32LE(text.length, at);
    at += text.copy(frame, at);
  }
  return frame;
}

/** Gives a framed record its offset and the checksum over the finished body. */
export function sealFrame(frame: Buffer, offset: number): Buffer {
  frame.writeBigUInt64LE(BigInt(offset), FRAME_HEADER_BYTES);
  frame.writeUInt32LE(crc32(frame.subarray(FRAME_HEADER_BYTES)), 4);
  return frame;
}

/**
 * Reading a frame at the start of `data`: a record with its frame size, 'incomplete' when `data`
 * ends inside the frame (read more, or the log's tail is torn), 'corrupt' when its checksum or
 * layout is wrong.
 */
export type Decoded = { record: LogRecord; size: number } | 'incomplete' | 'corrupt';

export function decodeRecord(data: Buffer): Decoded {
  if (data.length < FRAME_HEADER_BYTES) return 'incomplete';
  const bodyLength = data.readUInt32LE(0);
  if (bodyLength < MIN_BODY_BYTES || bodyLength > MAX_BODY_BYTES) return 'corrupt';
  const size = FRAME_HEADER_BYTES + bodyLength;
  if (data.length < size) return 'incomplete';
  const body = data.subarray(FRAME_HEADER_BYTES, size);
  if (crc32(body) !== data.readUInt32LE(4)) return 'corrupt';
  try {
    let at = 0;
    const offset = Number(body.readBigUInt64LE(at));
    const timestamp = body.readDoubleLE((at += 8));
    at += 8;
    const bytes = (): Buffer | null => {
      const length = body.readInt32LE(at);
      at += 4;
      if (length < 0) return null;
      const slice = Buffer.from(body.subarray(at, at + length));
      if (slice.length !== length) throw new RangeError('field past the end of the record');
      at += length;
      return slice;
    };
    const text = (): string => {
      const length = body.readUInt32LE(at);
      at += 4;
      if (at + length > body.length) throw new RangeError('field past the end of the record');
      const value = body.toString('utf8', at, at + length);
      at += length;
      return value;
    };
    const key = bytes();
    const value = bytes();
    const headers: Record<string, string> = {};
    const count = body.readUInt16LE(at);
    at += 2;
    for (let i = 0; i < count; i++) {
      const name = text();
      headers[name] = text();
    }
    if (at !== body.length) return 'corrupt';
    return { record: { offset, timestamp, key, value, headers }, size };
  } catch (error) {
    if (error instanceof RangeError) return 'corrupt';
    throw error;
  }
}
