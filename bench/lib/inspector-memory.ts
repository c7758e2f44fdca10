import WebSocket from 'ws';

/** What a process holds after a full garbage collection: its JS heap and the memory outside it (buffers). */
export interface RetainedMemory {
  heapUsedMb: number;
  externalMb: number;
}

/** The Node flag that opens a process's inspector on a given port, for retainedMemory. */
export const inspectFlag = (port: number): string => `--inspect=127.0.0.1:${port}`;

const MB = 1024 * 1024;

/**
 * Collects a process's garbage and reads its memory through its inspector (the process runs with
 * inspectFlag). RSS moves with when V8 last collected and what it has not yet given back, which
 * varies run to run by a multiple of the per-client figure; retained memory after a full GC does not.
 */
export async function retainedMemory(inspectPort: number): Promise<RetainedMemory> {
  const targets = (await (await fetch(`http://127.0.0.1:${inspectPort}/json/list`)).json()) as {
    webSocketDebuggerUrl: string;
  }[];
  if (targets.length === 0) throw new Error(`no inspector target on port ${inspectPort}`);
  const socket = new WebSocket(targets[0].webSocketDebuggerUrl);
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  type Answer = { id?: number; result?: { result?: { value?: string } }; error?: { message: string } };
  let nextId = 0;
  const send = (method: string, params: object = {}) =>
    new Promise<Answer>((resolve) => {
      const id = ++nextId;
      const onMessage = (data: Buffer) => {
        const message = JSON.parse(data.toString('utf8')) as Answer;
        if (message.id !== id) return;
        socket.off('message', onMessage);
        resolve(message);
      };
      socket.on('message', onMessage);
      socket.send(JSON.stringify({ id, method, params }));
    });
  try {
    // Twice: the first collection's finalisers can free more on the second.
    for (let i = 0; i < 2; i++) {
      const collected = await send('HeapProfiler.collectGarbage');
      if (collected.error) throw new Error(`collectGarbage: ${collected.error.message}`);
    }
    const answer = await send('Runtime.evaluate', {
      expression: 'JSON.stringify(process.memoryUsage())',
      returnByValue: true,
    });
    const value = answer.result?.result?.value;
    if (answer.error || typeof value !== 'string') {
      throw new Error(`process.memoryUsage() through the inspector: ${answer.error?.message ?? 'no value'}`);
    }
    const usage = JSON.parse(value) as { heapUsed: number; external: number };
    return { heapUsedMb: usage.heapUsed / MB, externalMb: usage.external / MB };
  } finally {
    socket.close();
  }
}
