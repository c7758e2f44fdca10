import { createServer, connect, type Server, type Socket } from 'node:net';
import { freePort } from '@libs/testing';

/**
 * One network link between a level and its upstream (or ClickHouse): a TCP proxy on loopback in
 * front of it. Cutting it closes the listener and every open connection, as a dead line would;
 * freezing it keeps every connection open but lets nothing through, as a hung peer would.
 */
export class LinkProxy {
  /** Bytes that went from the sender towards the receiver over this link. */
  bytesUp = 0;
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  private frozen = false;

  private constructor(
    readonly port: number,
    private readonly targetPort: number,
  ) {}

  static async start(targetPort: number): Promise<LinkProxy> {
    const proxy = new LinkProxy(await freePort(), targetPort);
    await proxy.restore();
    return proxy;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async restore(): Promise<void> {
    const server = createServer((client) => {
      const upstream = connect(this.targetPort, '127.0.0.1');
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => {
          client.destroy();
          upstream.destroy();
        });
      }
      client.on('data', (chunk: Buffer) => {
        this.bytesUp += chunk.length;
      });
      client.pipe(upstream);
      upstream.pipe(client);
      // After pipe(), which resumes its source.
      if (this.frozen) for (const socket of [client, upstream]) socket.pause();
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.server = server;
  }

  freeze(): void {
    this.frozen = true;
    for (const socket of this.sockets) socket.pause();
  }

  thaw(): void {
    this.frozen = false;
    for (const socket of this.sockets) socket.resume();
  }

  async cut(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const socket of this.sockets) socket.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
