import { fork, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

const REPO_ROOT = resolve(__dirname, '..', '..');

/** Runs a bench TypeScript file in its own Node process (own CPU time), with an IPC channel. */
export function forkTs(
  file: string,
  env: Record<string, string> = {},
  nodeArgs: readonly string[] = [],
): ChildProcess {
  return fork(file, [], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    execArgv: [...nodeArgs, '-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}

/** Sends a request and waits for the child's answer of the given type. */
export function ask<T>(
  child: ChildProcess,
  request: object,
  answer: string,
  timeoutMs = 600_000,
): Promise<T> {
  const answered = waitFor<T>(child, answer, timeoutMs);
  child.send(request);
  return answered;
}

/** The child's next message of the given type; a message of type `error` rejects. */
export function waitFor<T>(child: ChildProcess, answer: string, timeoutMs = 600_000): Promise<T> {
  return new Promise<T>((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      child.off('message', onMessage);
      reject(new Error(`no "${answer}" from child ${child.pid} within ${timeoutMs} ms`));
    }, timeoutMs);
    const onMessage = (message: { type?: string; error?: string }) => {
      if (message.type === 'error') {
        clearTimeout(timer);
        child.off('message', onMessage);
        reject(new Error(`child ${child.pid}: ${message.error}`));
      }
      if (message.type !== answer) return;
      clearTimeout(timer);
      child.off('message', onMessage);
      resolvePromise(message as T);
    };
    child.on('message', onMessage);
  });
}

export function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((r) => child.once('exit', () => r()));
}
