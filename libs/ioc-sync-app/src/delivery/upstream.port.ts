import type { SyncBatch, SyncCursor } from '../domain/sync-batch';

/** The upstream could not be reached or did not answer usefully over this link: try the other one. */
export class LinkFailedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LinkFailedError';
  }
}

/** The upstream receiver, reached over one link (a base URL). */
export interface Upstream {
  cursor(link: string, origin: string): Promise<SyncCursor>;
  /** Answers the receiver's cursor after the batch: its seq when applied now or before. */
  deliver(link: string, batch: SyncBatch): Promise<SyncCursor>;
  /** Request body bytes sent so far (compressed), for the measurements. */
  readonly bytesSent: number;
}

export const UPSTREAM = Symbol('UPSTREAM');
