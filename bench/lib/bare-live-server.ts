/**
 * Child process: the reference for fan-out, a minimal socket.io server with the wall screens'
 * namespace and rooms and nothing else (no authentication, admission, audit or state). It consumes
 * the same change notices as the gateway and broadcasts a given payload to the notice's unit's room.
 * Env: BARE_PORT, BARE_TOPIC, BARE_GROUP (plus the Kafka variables); IPC: { type: 'payload', snapshot, delta }.
 */
import { createServer } from 'node:http';
import { Server } from 'socket.io';
import { WALL_SCREEN_NAMESPACE, screenRoom, type ScreenAudience } from '@libs/contracts';
import { testKafka } from '@libs/testing';

async function main(): Promise<void> {
  let snapshot: unknown = {};
  let delta: unknown = {};
  const http = createServer();
  const io = new Server(http, { transports: ['websocket'] });
  const live = io.of(WALL_SCREEN_NAMESPACE);
  live.on('connection', (socket) => {
    socket.on(
      'subscribe',
      (request: { unitCode: string; audience?: ScreenAudience }, ack: (a: unknown) => void) => {
        void socket.join(screenRoom(request.unitCode, request.audience ?? 'officials'));
        ack({ ok: true, snapshot });
      },
    );
  });
  const kafka = testKafka(`bare-${process.pid}`);
  const consumer = kafka.consumer({ groupId: process.env.BARE_GROUP ?? 'bare', maxWaitTimeInMs: 200 });
  await consumer.connect();
  const joined = new Promise<void>((r) => consumer.on(consumer.events.GROUP_JOIN, () => r()));
  await consumer.subscribe({ topic: process.env.BARE_TOPIC ?? '', fromBeginning: false });
  await consumer.run({
    eachMessage: ({ message }) => {
      const { unitCode } = JSON.parse(message.value?.toString() ?? '{}') as { unitCode: string };
      live.to(screenRoom(unitCode, 'officials')).emit('screen:delta', delta);
      return Promise.resolve();
    },
  });
  await joined;
  process.on('message', (message: { type: string; snapshot?: unknown; delta?: unknown }) => {
    if (message.type === 'payload') {
      snapshot = message.snapshot;
      delta = message.delta;
      process.send?.({ type: 'payload-set' });
    }
  });
  await new Promise<void>((r) => http.listen(Number(process.env.BARE_PORT), '127.0.0.1', () => r()));
  process.send?.({ type: 'ready' });
  process.on('SIGTERM', () => {
    void consumer.disconnect().finally(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  process.send?.({ type: 'error', error: String(error) });
  process.exit(1);
});
