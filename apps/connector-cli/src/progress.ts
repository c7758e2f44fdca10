import { Presets, SingleBar } from 'cli-progress';
import type { PublishProgress } from '@libs/connector-sdk';

/** A progress bar on stderr for people watching; nothing at all when stderr is a pipe or a file. */
export function progressBar(): { update(progress: PublishProgress): void; stop(): void } {
  if (!process.stderr.isTTY) return { update: () => undefined, stop: () => undefined };
  const bar = new SingleBar(
    {
      stream: process.stderr,
      format:
        '{bar} {percentage}% | {value}/{total} | sent {sent} | rejected {rejected} | ETA {eta_formatted}',
      hideCursor: true,
    },
    Presets.shades_classic,
  );
  let started = false;
  return {
    update({ processed, total, sent, rejected }) {
      if (!started) {
        bar.start(total, 0, { sent: 0, rejected: 0 });
        started = true;
      }
      bar.update(processed, { sent, rejected });
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
