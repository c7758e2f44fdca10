/**
 * Child process: many wall-screen sockets, each subscribed to one unit, timing every screen:delta.
 * Driven over IPC by ScreenClientPool (bench/lib/screen-client-pool.ts).
 */
import { connectScreen, type ScreenSocket } from './screen-socket';

interface Client {
  socket: ScreenSocket;
  received: number[];
  /** A delta brought the screen's sparklines (a tile's earlier periods), loaded after its snapshot. */
  sparklines: boolean;
}

/** What a delta tells of the sparklines: its tiles' trends, empty until they are loaded. */
interface DeltaTiles {
  tiles?: { trend: unknown[] }[];
}

const clients: Client[] = [];
const CONNECTING_AT_ONCE = 50;

const reply = (message: object) => process.send?.(message);

async function connectAll(url: string, token: string, units: string[]): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < units.length) {
      const unit = units[next];
      next += 1;
      const { socket } = await connectScreen(url, token, unit, 600_000);
      const client: Client = { socket, received: [], sparklines: false };
      socket.on('screen:delta', (delta: DeltaTiles) => {
        client.received.push(Date.now());
        if (delta.tiles?.some((t) => t.trend.length > 0)) client.sparklines = true;
      });
      clients.push(client);
    }
  };
  await Promise.all(Array.from({ length: CONNECTING_AT_ONCE }, worker));
}

process.on(
  'message',
  (message: { type: string; url?: string; token?: string; units?: string[]; since?: number }) => {
    switch (message.type) {
      case 'connect':
        connectAll(message.url ?? '', message.token ?? '', message.units ?? []).then(
          () => reply({ type: 'connected', count: clients.length }),
          (error: unknown) => reply({ type: 'error', error: String(error) }),
        );
        break;
      case 'collect': {
        const since = message.since ?? 0;
        // The first delta each screen received at or after `since`; null when none yet.
        const times = clients.map((c) => c.received.find((t) => t >= since) ?? null);
        const lastDelta = Math.max(0, ...clients.map((c) => c.received[c.received.length - 1] ?? 0));
        const withSparklines = clients.filter((c) => c.sparklines).length;
        reply({ type: 'collected', times, lastDelta, withSparklines });
        break;
      }
      case 'close':
        clients.forEach((c) => c.socket.close());
        reply({ type: 'closed' });
        setTimeout(() => process.exit(0), 100);
        break;
      default:
        reply({ type: 'error', error: `unknown request ${message.type}` });
    }
  },
);
