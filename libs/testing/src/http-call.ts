import { request } from 'node:http';

/** An HTTP answer as a test reads it. */
export interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json<T = Record<string, unknown>>(): T;
}

export interface HttpCall {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /**
   * The client address to call from: any 127.x.y.z is this machine, so a test can be several
   * clients (per-address rate limits) without leaving loopback.
   */
  from?: string;
  /** Gives up when the server has not answered within this long. */
  timeoutMs?: number;
}

/** Attempts at a request whose body write was cut by the server's early answer. */
const CUT_WRITE_ATTEMPTS = 5;

/**
 * One request with node:http (fetch cannot choose its source address), on a connection of its own:
 * a pooled keep-alive socket the server is just closing is never reused.
 */
export async function httpCall(url: string, call: HttpCall = {}): Promise<HttpAnswer> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await httpCallOnce(url, call);
    } catch (error) {
      // A server that answers (401, 413) before the whole body is sent closes the connection; when the
      // client's write fails first, its answer is lost with the socket. Asked again, it answers again
      // (under load the same race can be lost more than once in a row).
      const code = (error as NodeJS.ErrnoException).code;
      const cut = call.body !== undefined && (code === 'EPIPE' || code === 'ECONNRESET');
      if (!cut || attempt === CUT_WRITE_ATTEMPTS) throw error;
    }
  }
}

function httpCallOnce(
  url: string,
  { method = 'GET', headers = {}, body, from, timeoutMs }: HttpCall,
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const options = { method, headers, localAddress: from, agent: false, timeout: timeoutMs };
    const req = request(url, options, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          text,
          json: <T>() => JSON.parse(text) as T,
        });
      });
    });
    // The server may answer (401, 413) before the whole body is sent and close: the answer counts.
    req.on('error', reject);
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.end(body);
  });
}

/** Calls `url` until it answers 429 (at most `max` times); how many answers came before it, and the 429. */
export async function callUntilLimited(
  url: string,
  call: HttpCall,
  max: number,
): Promise<{ before: number[]; limited: HttpAnswer | undefined }> {
  const before: number[] = [];
  for (let i = 0; i < max; i += 1) {
    const answer = await httpCall(url, call);
    if (answer.status === 429) return { before, limited: answer };
    before.push(answer.status);
  }
  return { before, limited: undefined };
}

/** helmet's headers as every app sends them, and no X-Powered-By. */
export function expectSecurityHeaders(headers: HttpAnswer['headers']): void {
  expect(headers['x-powered-by']).toBeUndefined();
  expect(headers['content-security-policy']).toContain("default-src 'self'");
  expect(headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['x-frame-options']).toBe('SAMEORIGIN');
  expect(headers['strict-transport-security']).toBeDefined();
}
