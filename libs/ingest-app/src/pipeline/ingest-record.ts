import type { Rejection, SourceId, ValidEvent } from '@libs/contracts';

/** Where a record came from: its Kafka position, the key for idempotent dead-lettering. */
export interface RecordOrigin {
  topic: string;
  partition: number;
  offset: string;
}

export interface IncomingRecord extends RecordOrigin {
  key: Buffer | null;
  value: Buffer | null;
}

export interface RejectedRecord {
  origin: RecordOrigin;
  key: Buffer | null;
  value: Buffer | null;
  rejection: Rejection;
  /** What the record said it was, when it got far enough to say: logged with the reject. */
  eventId?: string;
  unitCode?: string;
}

export interface AcceptedEvent {
  origin: RecordOrigin;
  source: SourceId;
  event: ValidEvent;
}

/** A step either hands its result on or rejects the record with a reason; it never throws for bad data. */
export type StepResult<T> = { ok: true; value: T } | { ok: false; rejection: Rejection };
