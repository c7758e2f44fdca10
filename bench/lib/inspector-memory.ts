import WebSocket from 'ws';
import type { CpuProfile } from './cpu-profile';

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
  const inspector = await InspectorSession.open(inspectPort);
  try {
    // Twice: the first collection's finalisers can free more on the second.
    for (let i = 0; i < 2; i++) await inspector.send('HeapProfiler.collectGarbage');
    const answer = await inspector.send<{ result?: { value?: string } }>('Runtime.evaluate', {
      expression: 'JSON.stringify(process.memoryUsage())',
      returnByValue: true,
    });
    const value = answer.result?.value;
    if (typeof value !== 'string') throw new Error('process.memoryUsage() through the inspector: no value');
    const usage = JSON.parse(value) as { heapUsed: number; external: number };
    return { heapUsedMb: usage.heapUsed / MB, externalMb: usage.external / MB };
  } finally {
    inspector.close();
  }
}

/**
 * Samples a process's CPU through its inspector (the process runs with inspectFlag) until the
 * returned stop is called: a profile of one phase, such as fan-out's timed updates.
 */
export async function startCpuProfile(inspectPort: number): Promise<() => Promise<CpuProfile>> {
  const inspector = await InspectorSession.open(inspectPort);
  await inspector.send('Profiler.enable');
  await inspector.send('Profiler.start');
  return async () => {
    try {
      return (await inspector.send<{ profile: CpuProfile }>('Profiler.stop')).profile;
    } finally {
      inspector.close();
    }
  };
}

/** One DevTools protocol connection to a process's inspector. */
class InspectorSession {
  private nextId = 0;

  private constructor(private readonly socket: WebSocket) {}

  static async open(inspectPort: number): Promise<InspectorSession> {
    const targets = (await (await fetch(`http://127.0.0.1:${inspectPort}/json/list`)).json()) as {
      webSocketDebuggerUrl: string;
    }[];
    if (targets.length === 0) throw new Error(`no inspector target on port ${inspectPort}`);
    const socket = new WebSocket(targets[0].webSocketDebuggerUrl);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return new InspectorSession(socket);
  }

  send<T = unknown>(method: string, params: object = {}): Promise<T> {
    type Answer = { id?: number; result?: T; error?: { message: string } };
    return new Promise<T>((resolve, reject) => {
      const id = ++this.nextId;
      const onMessage = (data: Buffer) => {
        const message = JSON.parse(data.toString('utf8')) as Answer;
        if (message.id !== id) return;
        this.socket.off('message', onMessage);
        if (message.error) reject(new Error(`${method}: ${message.error.message}`));
        else resolve(message.result as T);
      };
      this.socket.on('message', onMessage);
      this.socket.send(JSON.stringify({ id, method, params }));
    });
  }

  close(): void {
    this.socket.close();
  }
}
