import { Logger } from '@nestjs/common';
import { mkdir, open, readdir, stat, unlink, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { OutgoingMessage } from '@libs/event-bus-port';
import { syncDirectory } from './durable-files';
import { decodeRecord, FRAME_HEADER_BYTES, frameRecord, sealFrame, type LogRecord } from './log-record';

export interface TopicLogOptions {
  /** A segment that reached this size is closed and a new one started. */
  segmentBytes: number;
  /** Closed segments whose last append is older than this are deleted when a segment rolls. */
  retentionMs: number;
}

/** A read position: the next record's offset, and where it starts. */
export interface Cursor {
  offset: number;
  segment: number;
  position: number;
}

export interface ReadResult {
  records: LogRecord[];
  /** Where each record starts in its segment. */
  positions: number[];
  bytes: number;
  next: Cursor;
}

interface Segment {
  base: number;
  path: string;
  /** Bytes durably written (fsynced): readers never look past this. */
  size: number;
}

interface PendingAppend {
  frames: Buffer[];
  resolve: () => void;
  reject: (error: unknown) => void;
}

const SEGMENT_SUFFIX = '.log';
const segmentName = (base: number) => `${String(base).padStart(20, '0')}${SEGMENT_SUFFIX}`;
const SCAN_CHUNK_BYTES = 1024 * 1024;

async function readAt(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.allocUnsafe(length);
  const { bytesRead } = await handle.read(buffer, 0, length, position);
  return buffer.subarray(0, bytesRead);
}

/**
 * One topic of the embedded bus: an append-only log of one partition in segment files named by
 * their first offset. Appends are group-committed: whatever publishes arrive while a write is in
 * flight go together in the next write, then one fdatasync, and only then do their promises
 * resolve and waiting consumers wake. On open, the last segment is checked record by record and a
 * torn tail (a crash inside a write that was never acknowledged) is cut off.
 */
export class TopicLog {
  private readonly logger: Logger;
  private readonly readers = new Map<number, Promise<FileHandle>>();
  private readonly waiters = new Set<() => void>();
  private pending: PendingAppend[] = [];
  private writing?: Promise<void>;
  private broken?: Error;

  private constructor(
    readonly topic: string,
    private readonly directory: string,
    private readonly options: TopicLogOptions,
    private readonly segments: Segment[],
    private writer: FileHandle,
    private next: number,
  ) {
    this.logger = new Logger(`EventLog:${topic}`);
  }

  /** Opens the topic's log in `directory`, creating its first segment if it has none. */
  static async open(topic: string, directory: string, options: TopicLogOptions): Promise<TopicLog> {
    await mkdir(directory, { recursive: true });
    const bases = (await readdir(directory))
      .filter((f) => /^\d{20}\.log$/.test(f))
      .map((f) => Number(f.slice(0, 20)))
      .sort((a, b) => a - b);
    if (bases.length === 0) bases.push(0);
    const segments: Segment[] = [];
    for (const base of bases.slice(0, -1)) {
      const path = join(directory, segmentName(base));
      segments.push({ base, path, size: (await stat(path)).size });
    }
    const lastBase = bases[bases.length - 1];
    const lastPath = join(directory, segmentName(lastBase));
    const writer = await open(lastPath, 'a+');
    await syncDirectory(directory);
    const { size, next } = await TopicLog.recover(topic, writer, lastBase);
    segments.push({ base: lastBase, path: lastPath, size });
    return new TopicLog(topic, directory, options, segments, writer, next);
  }

  /** Finds the end of the last complete record and truncates whatever follows it. */
  private static async recover(
    topic: string,
    handle: FileHandle,
    base: number,
  ): Promise<{ size: number; next: number }> {
    const fileSize = (await handle.stat()).size;
    let position = 0;
    let next = base;
    let chunk: Buffer = Buffer.alloc(0);
    let chunkAt = 0;
    for (;;) {
      const decoded = decodeRecord(chunk.subarray(position - chunkAt));
      if (typeof decoded === 'object') {
        if (decoded.record.offset !== next) break;
        position += decoded.size;
        next++;
        continue;
      }
      // Incomplete at the end of the file, or corrupt: the torn tail starts here.
      if (decoded === 'corrupt' || chunkAt + chunk.length >= fileSize) break;
      const rest = chunk.subarray(position - chunkAt);
      const frame = rest.length >= 4 ? FRAME_HEADER_BYTES + rest.readUInt32LE(0) : 0;
      chunk = await readAt(handle, position, Math.max(SCAN_CHUNK_BYTES, frame));
      chunkAt = position;
    }
    if (position < fileSize) {
      new Logger(`EventLog:${topic}`).warn(
        `cut a torn tail of ${fileSize - position} bytes after offset ${next - 1} (an append that was never acknowledged)`,
      );
      await handle.truncate(position);
      await handle.datasync();
    }
    return { size: position, next };
  }

  get startOffset(): number {
    return this.segments[0].base;
  }

  get endOffset(): number {
    return this.next;
  }

  /** Resolves once the messages are written and fsynced, in publish order. */
  append(messages: readonly OutgoingMessage[]): Promise<void> {
    if (this.broken) return Promise.reject(this.broken);
    if (messages.length === 0) return Promise.resolve();
    const now = Date.now();
    let frames: Buffer[];
    try {
      frames = messages.map((m) => frameRecord(now, m.key, m.value, m.headers));
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    return new Promise((resolve, reject) => {
      this.pending.push({ frames, resolve, reject });
      this.writing ??= this.flush();
    });
  }

  /** Never rejects: each failure goes to the publishes of its write. */
  private async flush(): Promise<void> {
    try {
      while (this.pending.length > 0) {
        const group = this.pending;
        this.pending = [];
        try {
          await this.write(group.flatMap((p) => p.frames));
          for (const p of group) p.resolve();
        } catch (error) {
          for (const p of group) p.reject(error);
        }
      }
    } finally {
      // Cleared in the same tick as the last check of `pending`, so no append is left waiting.
      this.writing = undefined;
    }
  }

  private async write(frames: Buffer[]): Promise<void> {
    if (this.broken) throw this.broken;
    await this.rollIfFull();
    const segment = this.segments[this.segments.length - 1];
    let bytes = 0;
    frames.forEach((frame, i) => {
      sealFrame(frame, this.next + i);
      bytes += frame.length;
    });
    try {
      const { bytesWritten } = await this.writer.writev(frames);
      if (bytesWritten !== bytes) throw new Error(`short write: ${bytesWritten} of ${bytes} bytes`);
      await this.writer.datasync();
    } catch (error) {
      await this.undoWrite(segment, error);
      throw error;
    }
    segment.size += bytes;
    this.next += frames.length;
    for (const wake of [...this.waiters]) wake();
  }

  /** A failed write may have left part of a record: cut back to the last durable one, or stop writing. */
  private async undoWrite(segment: Segment, cause: unknown): Promise<void> {
    try {
      await this.writer.truncate(segment.size);
    } catch (error) {
      this.broken = new Error(
        `the log of ${this.topic} cannot be written after a failed append (${String(cause)}) could not be undone: ${String(error)}; restart to recover it`,
      );
    }
  }

  private async rollIfFull(): Promise<void> {
    const active = this.segments[this.segments.length - 1];
    if (active.size < this.options.segmentBytes) return;
    const path = join(this.directory, segmentName(this.next));
    const writer = await open(path, 'a');
    await syncDirectory(this.directory);
    await this.writer.close();
    this.writer = writer;
    this.segments.push({ base: this.next, path, size: 0 });
    await this.deleteExpiredSegments();
  }

  private async deleteExpiredSegments(): Promise<void> {
    const cutoff = Date.now() - this.options.retentionMs;
    while (this.segments.length > 1 && (await stat(this.segments[0].path)).mtimeMs < cutoff) {
      const [expired] = this.segments.splice(0, 1);
      const reader = this.readers.get(expired.base);
      this.readers.delete(expired.base);
      if (reader) await (await reader).close();
      await unlink(expired.path);
      this.logger.log(`deleted segment ${segmentName(expired.base)} (older than the retention)`);
    }
  }

  /** The cursor of `offset`, found by scanning its segment; past the end: the end. */
  async seek(offset: number): Promise<Cursor> {
    const target = Math.max(this.startOffset, Math.min(offset, this.next));
    let index = this.segments.length - 1;
    while (index > 0 && this.segments[index].base > target) index--;
    let cursor: Cursor = {
      offset: this.segments[index].base,
      segment: this.segments[index].base,
      position: 0,
    };
    while (cursor.offset < target) {
      const { records, positions, next } = await this.read(cursor, SCAN_CHUNK_BYTES);
      const at = records.findIndex((r) => r.offset >= target);
      if (at >= 0) return { offset: target, segment: next.segment, position: positions[at] };
      cursor = next;
    }
    return cursor;
  }

  /**
   * Records from `cursor`, up to about `maxBytes` (at least one record when there is one). A cursor
   * in a segment retention deleted moves to the oldest record left.
   */
  async read(cursor: Cursor, maxBytes: number): Promise<ReadResult> {
    let index = this.segments.findIndex((s) => s.base === cursor.segment);
    if (index < 0)
      return this.read({ offset: this.startOffset, segment: this.startOffset, position: 0 }, maxBytes);
    let at = cursor;
    while (at.position >= this.segments[index].size && index < this.segments.length - 1) {
      index++;
      at = { offset: at.offset, segment: this.segments[index].base, position: 0 };
    }
    const segment = this.segments[index];
    const available = segment.size - at.position;
    if (available <= 0) return { records: [], positions: [], bytes: 0, next: at };
    const reader = await this.reader(segment);
    let data = await readAt(reader, at.position, Math.min(available, Math.max(maxBytes, FRAME_HEADER_BYTES)));
    const firstFrame = FRAME_HEADER_BYTES + data.readUInt32LE(0);
    if (firstFrame > data.length) data = await readAt(reader, at.position, Math.min(available, firstFrame));
    const records: LogRecord[] = [];
    const positions: number[] = [];
    let used = 0;
    while (used < data.length) {
      const decoded = decodeRecord(data.subarray(used));
      if (decoded === 'incomplete') break;
      if (decoded === 'corrupt' || decoded.record.offset !== at.offset + records.length) {
        throw new Error(
          `the log of ${this.topic} is corrupt in ${segment.path} at byte ${at.position + used} (expected offset ${at.offset + records.length})`,
        );
      }
      records.push(decoded.record);
      positions.push(at.position + used);
      used += decoded.size;
    }
    return {
      records,
      positions,
      bytes: used,
      next: { offset: at.offset + records.length, segment: segment.base, position: at.position + used },
    };
  }

  /** Resolves once a record at `offset` or later exists, or `cancel` is called. */
  whenBeyond(offset: number): { reached: Promise<void>; cancel: () => void } {
    let done: () => void = () => undefined;
    const reached = new Promise<void>((resolve) => {
      done = resolve;
    });
    const check = () => {
      if (this.next <= offset) return;
      this.waiters.delete(check);
      done();
    };
    this.waiters.add(check);
    check();
    return {
      reached,
      cancel: () => {
        this.waiters.delete(check);
        done();
      },
    };
  }

  /** Waits for appends in flight, then closes the files. */
  async close(): Promise<void> {
    await this.writing;
    await this.writer.close();
    for (const reader of this.readers.values()) await (await reader).close();
    this.readers.clear();
  }

  private reader(segment: Segment): Promise<FileHandle> {
    let reader = this.readers.get(segment.base);
    if (!reader) {
      reader = open(segment.path, 'r');
      this.readers.set(segment.base, reader);
    }
    return reader;
  }
}
