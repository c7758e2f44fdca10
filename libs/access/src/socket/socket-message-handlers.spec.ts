import { EventEmitter } from 'node:events';
import type { MessageMappingProperties } from '@nestjs/websockets';
import { from, isObservable, mergeMap, of, throwError, type Observable } from 'rxjs';
import { bindMessageHandlers } from './socket-message-handlers';

/** A socket.io socket as far as the binding sees it: listeners, emits, and whether it is gone. */
class FakeSocket extends EventEmitter {
  disconnected = false;
  readonly emitted: [string, unknown][] = [];

  /** What the server sends the screen. */
  override emit(event: string, data: unknown): boolean {
    this.emitted.push([event, data]);
    return true;
  }

  /** A message from the screen, as socket.io hands it to the listeners. */
  receive(event: string, ...args: unknown[]): void {
    for (const listener of this.listeners(event)) (listener as (...a: unknown[]) => void)(...args);
  }
}

// Nest's transform: the handler's promise, then the observable or value it gave.
const transform = (result: unknown): Observable<unknown> =>
  from(Promise.resolve(result)).pipe(mergeMap((answer) => (isObservable(answer) ? answer : of(answer))));

function handler(
  message: string,
  callback: MessageMappingProperties['callback'],
  isAckHandledManually = false,
): MessageMappingProperties {
  return { message, methodName: message, callback, isAckHandledManually };
}

const settled = () => new Promise((r) => setImmediate(r));

describe('bindMessageHandlers', () => {
  it('hands the handler its data and acknowledges with its answer', async () => {
    const socket = new FakeSocket();
    const seen: unknown[] = [];
    bindMessageHandlers(
      socket,
      [handler('subscribe', (data) => (seen.push(data), Promise.resolve(of({ ok: true, data }))))],
      transform,
      () => undefined,
    );
    const acks: unknown[] = [];
    socket.receive('subscribe', { unitCode: '26734' }, (reply: unknown) => acks.push(reply));
    socket.receive('subscribe', 'a', 'b', (reply: unknown) => acks.push(reply));
    await settled();
    expect(seen).toEqual([{ unitCode: '26734' }, ['a', 'b']]);
    expect(acks).toEqual([
      { ok: true, data: { unitCode: '26734' } },
      { ok: true, data: ['a', 'b'] },
    ]);
  });

  it('emits an answer that names an event, and leaves out empty answers and manual acks', async () => {
    const socket = new FakeSocket();
    const acks: unknown[] = [];
    bindMessageHandlers(
      socket,
      [
        handler('ping', () => Promise.resolve({ event: 'pong', data: 1 })),
        handler('quiet', () => Promise.resolve(undefined)),
        handler(
          'manual',
          (_data, ack: (r: unknown) => void) => (ack('by hand'), Promise.resolve('auto')),
          true,
        ),
      ],
      transform,
      () => undefined,
    );
    socket.receive('ping', (r: unknown) => acks.push(r));
    socket.receive('quiet', (r: unknown) => acks.push(r));
    socket.receive('manual', {}, (r: unknown) => acks.push(r));
    await settled();
    expect(socket.emitted).toEqual([['pong', 1]]);
    expect(acks).toEqual(['by hand']);
  });

  it('sends nothing to a socket that disconnected while its handler ran', async () => {
    const socket = new FakeSocket();
    let finish: (answer: unknown) => void = () => undefined;
    bindMessageHandlers(
      socket,
      [handler('subscribe', () => new Promise((r) => (finish = r)))],
      transform,
      () => undefined,
    );
    const acks: unknown[] = [];
    socket.receive('subscribe', {}, (r: unknown) => acks.push(r));
    socket.disconnected = true;
    finish({ ok: true });
    await settled();
    expect(acks).toEqual([]);
  });

  it('reports a failed answer or a throwing handler, once each, and keeps serving', async () => {
    const socket = new FakeSocket();
    const failures: [string, string][] = [];
    let calls = 0;
    bindMessageHandlers(
      socket,
      [
        handler('broken', () => Promise.resolve(throwError(() => new Error('no store')))),
        handler('throws', () => {
          calls += 1;
          if (calls === 1) throw new Error('sync');
          return Promise.resolve('fine');
        }),
      ],
      transform,
      (message, error) => failures.push([message, (error as Error).message]),
    );
    const acks: unknown[] = [];
    socket.receive('broken', {}, (r: unknown) => acks.push(r));
    socket.receive('throws', {}, (r: unknown) => acks.push(r));
    socket.receive('throws', {}, (r: unknown) => acks.push(r));
    await settled();
    expect(failures.sort()).toEqual([
      ['broken', 'no store'],
      ['throws', 'sync'],
    ]);
    expect(acks).toEqual(['fine']);
  });

  it('adds one listener per handler and nothing else', () => {
    const socket = new FakeSocket();
    bindMessageHandlers(
      socket,
      [handler('a', () => Promise.resolve(1)), handler('b', () => Promise.resolve(2))],
      transform,
      () => undefined,
    );
    expect(socket.eventNames()).toEqual(['a', 'b']);
    expect(socket.listenerCount('a') + socket.listenerCount('b')).toBe(2);
  });
});
