/**
 * Graceful shutdown waits for Kafka and ClickHouse clients to close; with a broker already gone
 * that can retry for ever. After a stop signal, give up after `ms` and exit non-zero: nothing is
 * lost, since offsets are only committed after ClickHouse acknowledged.
 */
export function exitIfShutdownHangs(ms: number): void {
  const arm = (signal: NodeJS.Signals) =>
    process.once(signal, () => {
      setTimeout(() => {
        process.stderr.write(`shutdown did not finish within ${ms} ms after ${signal}; exiting\n`);
        process.exit(1);
      }, ms).unref();
    });
  arm('SIGTERM');
  arm('SIGINT');
}
