import { Logger } from '@nestjs/common';
import type { KeyRing } from '../keys/key-ring';
import type { Principal } from '../principal';

/** The part of a socket.io namespace the sweep reads. */
export interface SocketGroup {
  sockets: Map<string, { data: unknown; disconnect(close: boolean): unknown }>;
}

/**
 * Cuts live sockets whose key was revoked: every `intervalMs` it reads the shared key store anew
 * and disconnects each socket whose principal's key (the one it authenticated with, or whose token
 * it holds) is no longer active with the same role. With the interval set to the key ring's
 * refresh delay, a revoked screen is cut within that delay plus one store read.
 */
export class SocketRevocation {
  private readonly logger = new Logger(SocketRevocation.name);
  private readonly namespaces: SocketGroup[] = [];
  private timer: NodeJS.Timeout | undefined;
  private sweeping = false;

  constructor(
    private readonly keys: KeyRing,
    private readonly intervalMs: number,
  ) {}

  watch(namespace: SocketGroup): void {
    this.namespaces.push(namespace);
    this.timer ??= setInterval(() => void this.tick(), this.intervalMs).unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** One pass; the sockets it disconnected. */
  async sweep(): Promise<number> {
    const sockets = this.namespaces.flatMap((namespace) => [...namespace.sockets.values()]);
    if (sockets.length === 0) return 0;
    await this.keys.refresh();
    let cut = 0;
    for (const socket of sockets) {
      const held = (socket.data as { principal?: Principal }).principal;
      if (!held) continue;
      const current = await this.keys.principal(held.id);
      if (current?.role === held.role) continue;
      socket.disconnect(true);
      cut += 1;
    }
    if (cut > 0) this.logger.log(`disconnected ${cut} socket(s) whose key was revoked`);
    return cut;
  }

  private async tick(): Promise<void> {
    if (this.sweeping) return;
    this.sweeping = true;
    try {
      await this.sweep();
    } catch (error) {
      // The store is unreachable: which keys were revoked is unknown, so sockets stay until it answers.
      this.logger.error(`revocation sweep failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      this.sweeping = false;
    }
  }
}
