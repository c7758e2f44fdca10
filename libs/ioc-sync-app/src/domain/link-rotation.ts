/** One upstream link's record, for the status endpoint and the tests. */
export interface LinkStatus {
  url: string;
  active: boolean;
  requests: number;
  failures: number;
  /** Whether the last request over the link succeeded; null before its first. */
  lastRequestOk: boolean | null;
  lastSuccessAt: string | null;
  lastFailureAt: string | null;
  lastError: string | null;
}

/**
 * The guidance's two links with automatic switch-over: traffic stays on the link that works; a
 * failure moves it to the next one. After a whole round of failures the caller backs off.
 */
export class LinkRotation {
  private current = 0;
  private failuresInRound = 0;
  private readonly links: LinkStatus[];

  constructor(urls: readonly string[]) {
    if (urls.length === 0) throw new Error('at least one upstream link is needed');
    this.links = urls.map((url, i) => ({
      url,
      active: i === 0,
      requests: 0,
      failures: 0,
      lastRequestOk: null,
      lastSuccessAt: null,
      lastFailureAt: null,
      lastError: null,
    }));
  }

  get url(): string {
    return this.links[this.current].url;
  }

  succeeded(now: Date): void {
    const link = this.links[this.current];
    link.requests += 1;
    link.lastRequestOk = true;
    link.lastSuccessAt = now.toISOString();
    this.failuresInRound = 0;
  }

  /** Switches to the next link; true when every link has now failed in a row (time to back off). */
  failed(now: Date, error: string): boolean {
    const link = this.links[this.current];
    link.requests += 1;
    link.failures += 1;
    link.lastRequestOk = false;
    link.lastFailureAt = now.toISOString();
    link.lastError = error;
    link.active = false;
    this.current = (this.current + 1) % this.links.length;
    this.links[this.current].active = true;
    this.failuresInRound += 1;
    if (this.failuresInRound < this.links.length) return false;
    this.failuresInRound = 0;
    return true;
  }

  status(): LinkStatus[] {
    return this.links.map((link) => ({ ...link }));
  }
}
