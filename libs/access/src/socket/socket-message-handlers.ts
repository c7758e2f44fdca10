import type { MessageMappingProperties } from '@nestjs/websockets';
import type { Observable } from 'rxjs';

/** A handler's answer: `{ event, data }` is emitted as that event, anything else acknowledges. */
interface Reply {
  event?: string;
  data?: unknown;
}

type Ack = (reply: unknown) => void;

/** A socket.io socket, as far as binding handlers to it goes. */
interface MessageSocket {
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  emit(event: string, data: unknown): unknown;
  readonly disconnected: boolean;
}

/** socket.io's arguments as Nest hands them to a handler: the data, and the acknowledgement if last. */
function payloadOf(args: readonly unknown[]): { data: unknown; ack?: Ack } {
  const last = args[args.length - 1];
  if (typeof last !== 'function') return { data: args.length > 1 ? [...args] : args[0] };
  const data = args.slice(0, -1);
  return { data: data.length > 1 ? data : data[0], ack: last as Ack };
}

/**
 * Binds a gateway's message handlers to a socket as Nest's IoAdapter does (each message runs its
 * handler; the answer acknowledges it, or is emitted when it names an event; nothing goes to a socket
 * that disconnected meanwhile), but as one plain listener per handler: Nest's own keeps an rxjs
 * chain per socket and handler, and a disconnect stream, for the socket's whole life — a few KB on
 * each of thousands of wall screens, which hold their socket for days. `failed` hears an answer's
 * error (Nest's exception filters have already turned a handler's own errors into replies).
 */
export function bindMessageHandlers(
  socket: MessageSocket,
  handlers: readonly MessageMappingProperties[],
  transform: (result: unknown) => Observable<unknown>,
  failed: (message: string, error: unknown) => void,
): void {
  for (const { message, callback, isAckHandledManually } of handlers) {
    const event = String(message);
    socket.on(event, (...args: unknown[]) => {
      const { data, ack } = payloadOf(args);
      let answers: Observable<unknown>;
      try {
        answers = transform(callback(data, ack));
      } catch (error) {
        failed(event, error);
        return;
      }
      answers.subscribe({
        next: (answer) => {
          if (answer === null || answer === undefined || socket.disconnected) return;
          const reply = answer as Reply;
          if (reply.event) socket.emit(reply.event, reply.data);
          else if (!isAckHandledManually && ack) ack(answer);
        },
        error: (error: unknown) => failed(event, error),
      });
    });
  }
}
