import { io, type Socket } from 'socket.io-client';
import {
  WALL_SCREEN_NAMESPACE,
  type ClientToServerEvents,
  type ScreenSnapshot,
  type ServerToClientEvents,
  type SubscribeReply,
} from '@libs/contracts';
import { bearer, type TestKey } from '@libs/testing';

export type ScreenSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A short-lived screen token for a screen key, as the page gets one. */
export async function screenToken(gatewayUrl: string, key: TestKey): Promise<string> {
  const issued = await fetch(`${gatewayUrl}/api/v1/access/token`, {
    method: 'POST',
    headers: bearer(key.secret),
  });
  if (!issued.ok) throw new Error(`no screen token (${issued.status}: ${await issued.text()})`);
  return ((await issued.json()) as { token: string }).token;
}

/**
 * A wall screen's socket (websocket transport only, as the page connects), subscribed to a unit.
 * A refused handshake (admission busy) is retried after the wait the gateway names.
 */
export function connectScreen(
  url: string,
  token: string,
  unitCode: string,
  timeoutMs = 120_000,
): Promise<{ socket: ScreenSocket; snapshot: ScreenSnapshot }> {
  const socket: ScreenSocket = io(`${url}${WALL_SCREEN_NAMESPACE}`, {
    transports: ['websocket'],
    reconnection: false,
    auth: { token },
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.close();
      reject(new Error(`screen ${unitCode}: not subscribed within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.on('connect_error', (error: Error & { data?: { retryAfterMs?: number } }) => {
      const wait = error.data?.retryAfterMs;
      if (wait === undefined) {
        clearTimeout(timer);
        reject(new Error(`screen ${unitCode}: handshake refused: ${error.message}`));
        return;
      }
      setTimeout(() => socket.connect(), wait + Math.random() * 200);
    });
    socket.on('connect', () => {
      socket.emit('subscribe', { unitCode }, (reply: SubscribeReply) => {
        clearTimeout(timer);
        if (reply.ok && 'snapshot' in reply) resolve({ socket, snapshot: reply.snapshot });
        else reject(new Error(`screen ${unitCode}: subscribe refused: ${JSON.stringify(reply)}`));
      });
    });
  });
}
