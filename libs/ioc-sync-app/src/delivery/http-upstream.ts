import { Injectable } from '@nestjs/common';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { SyncBatch, SyncCursor } from '../domain/sync-batch';
import { IocSyncEnv } from '../ioc-sync.env';
import { LinkFailedError, type Upstream } from './upstream.port';

const compress = promisify(gzip);

export const SYNC_API = 'api/v1/sync';

/**
 * The receiver's HTTP(S) API. HTTPS trusts the system's CAs plus NODE_EXTRA_CA_CERTS. A refused
 * key (401/403) or a refused batch (400) is reported like a dead link: the other link may lead to
 * a correctly configured receiver, and the log names the answer.
 */
@Injectable()
export class HttpUpstream implements Upstream {
  /** Compressed request bytes sent, for the measurements. */
  bytesSent = 0;

  constructor(private readonly env: IocSyncEnv) {}

  async cursor(link: string, origin: string): Promise<SyncCursor> {
    return this.call(link, `${SYNC_API}/origins/${encodeURIComponent(origin)}/cursor`, { method: 'GET' });
  }

  async deliver(link: string, batch: SyncBatch): Promise<SyncCursor> {
    const body = await compress(Buffer.from(JSON.stringify(batch)));
    this.bytesSent += body.length;
    return this.call(link, `${SYNC_API}/batches`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
    });
  }

  private async call(link: string, path: string, init: RequestInit): Promise<SyncCursor> {
    const url = `${link.replace(/\/+$/, '')}/${path}`;
    let response: Response;
    try {
      response = await fetch(url, {
        ...init,
        headers: {
          ...(init.headers as Record<string, string>),
          ...(this.env.IOC_SYNC_UPSTREAM_KEY
            ? { authorization: `Bearer ${this.env.IOC_SYNC_UPSTREAM_KEY}` }
            : {}),
        },
        signal: AbortSignal.timeout(this.env.IOC_SYNC_REQUEST_TIMEOUT_MS),
      });
    } catch (error) {
      throw new LinkFailedError(`${url}: ${(error as Error).message}`);
    }
    const text = await response.text().catch((error: Error) => {
      throw new LinkFailedError(`${url}: ${error.message}`);
    });
    // 409: the receiver expects another batch; its answer carries the cursor to resume from.
    if (response.status !== 200 && response.status !== 201 && response.status !== 409) {
      throw new LinkFailedError(`${url} answered ${response.status}: ${text.slice(0, 300)}`);
    }
    const cursor = JSON.parse(text) as Partial<SyncCursor>;
    if (typeof cursor.appliedThrough !== 'number') {
      throw new LinkFailedError(`${url} answered without appliedThrough: ${text.slice(0, 300)}`);
    }
    return { origin: String(cursor.origin), appliedThrough: cursor.appliedThrough };
  }
}
