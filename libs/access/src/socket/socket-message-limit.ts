import type { Socket } from 'socket.io';
import { MessageBudget } from '../limits/message-budget';

/**
 * Gives a socket a budget of messages per minute (subscribe and any other): past it, a message
 * is dropped before any handler (and so any ClickHouse query) runs, and its acknowledgement, if
 * any, says when to try again.
 */
export function limitSocketMessages(socket: Socket, perMinute: number): void {
  const budget = new MessageBudget(perMinute, 60_000);
  socket.use((packet, next) => {
    const retryAfterMs = budget.take();
    if (retryAfterMs === 0) return next();
    const ack: unknown = packet[packet.length - 1];
    if (typeof ack === 'function') {
      (ack as (reply: object) => void)({
        ok: false,
        error: `rate limited: at most ${perMinute} messages per minute per socket (COC_SOCKET_MESSAGES_PER_MINUTE)`,
        retryAfterMs,
      });
    }
  });
}
