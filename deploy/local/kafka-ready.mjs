#!/usr/bin/env node
// Kafka readiness probe: a real broker round trip, not "port open" or a log line.
// Uses kafkajs from the repo's node_modules (admin.connect + describeCluster); before
// `npm install` it falls back to a raw request over TCP (no dependencies): Metadata v4, or, when the
// listener wants SASL (which refuses Metadata before authentication), ApiVersions.
// SASL comes from the environment, as the apps take it: KAFKA_SASL_MECHANISM, KAFKA_SASL_USERNAME,
// KAFKA_SASL_PASSWORD (services.sh sets them for the local broker's SCRAM user).
// Usage: node kafka-ready.mjs [--brokers 127.0.0.1:19092] [--timeout 60] [--pid N] [--quiet]
// Exit 0 when ready, 1 on timeout / dead broker process, 2 on bad arguments.
import net from 'node:net';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : dflt;
};
const brokers = opt('brokers', process.env.KAFKA_BROKERS ?? '127.0.0.1:19092').split(',');
const timeoutMs = Number(opt('timeout', '60')) * 1000;
const pid = opt('pid', undefined);
const quiet = args.includes('--quiet');
const {
  KAFKA_SASL_MECHANISM: mechanism,
  KAFKA_SASL_USERNAME: username,
  KAFKA_SASL_PASSWORD: password,
} = process.env;
const sasl = mechanism ? { mechanism: mechanism.toLowerCase(), username, password } : undefined;
if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
  process.stderr.write('kafka-ready: --timeout must be a positive number of seconds\n');
  process.exit(2);
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const alive = (p) => {
  try {
    process.kill(Number(p), 0);
    return true;
  } catch {
    return false;
  }
};

async function loadKafkajs() {
  try {
    const mod = await import('kafkajs');
    return mod.default ?? mod;
  } catch {
    return undefined;
  }
}

// One attempt with kafkajs; resolves to a short description of the cluster.
async function probeKafkajs(kafkajs) {
  const { Kafka, logLevel } = kafkajs;
  const kafka = new Kafka({
    clientId: 'coc-kafka-ready',
    brokers,
    ...(sasl ? { sasl } : {}),
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1000,
    requestTimeout: 2000,
    retry: { retries: 0 },
  });
  const admin = kafka.admin();
  try {
    await admin.connect();
    const c = await admin.describeCluster();
    if (!c.brokers.length) throw new Error('no broker registered yet');
    return `clusterId=${c.clusterId} controller=${c.controller} brokers=${c.brokers.length}`;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

// One attempt without dependencies: Metadata v4 (kept by Kafka 4.x, KIP-896), topics=null; with
// SASL, ApiVersions v0 (answered before authentication: the broker serves its listener).
function probeRaw(hostPort) {
  const [host, portStr] = hostPort.split(':');
  const clientId = Buffer.from('coc-kafka-ready');
  const header = Buffer.alloc(2 + 2 + 4 + 2 + clientId.length);
  let o = 0;
  o = header.writeInt16BE(sasl ? 18 : 3, o); // api_key ApiVersions / Metadata
  o = header.writeInt16BE(sasl ? 0 : 4, o); // api_version
  o = header.writeInt32BE(1, o); // correlation_id
  o = header.writeInt16BE(clientId.length, o);
  clientId.copy(header, o);
  // Metadata: topics null (all; the answer's broker list is what we check), allow_auto_topic_creation=false
  const request = sasl ? Buffer.alloc(0) : Buffer.from([0xff, 0xff, 0xff, 0xff, 0]);
  const body = Buffer.concat([header, request]);
  const frame = Buffer.concat([Buffer.alloc(4), body]);
  frame.writeInt32BE(body.length, 0);
  return new Promise((resolve, reject) => {
    const sock = net.connect({ host, port: Number(portStr) });
    let buf = Buffer.alloc(0);
    const done = (err, val) => {
      sock.destroy();
      if (err) reject(err);
      else resolve(val);
    };
    sock.setTimeout(2000, () => done(new Error('metadata request timed out')));
    sock.on('error', (e) => done(e));
    sock.on('connect', () => sock.write(frame));
    sock.on('data', (d) => {
      buf = Buffer.concat([buf, d]);
      if (buf.length < 4 || buf.length < 4 + buf.readInt32BE(0)) return;
      if (sasl) {
        // correlation_id(4) error_code(int16)
        const error = buf.readInt16BE(8);
        if (error !== 0) done(new Error(`ApiVersions error ${error}`));
        else done(undefined, 'listener answers (raw ApiVersions v0; kafkajs not installed)');
        return;
      }
      // correlation_id(4) throttle_time_ms(4) brokers[int32 count]
      const nBrokers = buf.readInt32BE(12);
      if (nBrokers < 1) done(new Error('no broker registered yet'));
      else done(undefined, `brokers=${nBrokers} (raw Metadata v4; kafkajs not installed)`);
    });
  });
}

const kafkajs = await loadKafkajs();
const start = Date.now();
let lastError = 'no attempt made';
for (;;) {
  if (pid && !alive(pid)) {
    process.stderr.write(`kafka-ready: broker process ${pid} is not running (see: services.sh logs kafka)\n`);
    process.exit(1);
  }
  try {
    const info = kafkajs ? await probeKafkajs(kafkajs) : await probeRaw(brokers[0]);
    if (!quiet)
      process.stdout.write(
        `kafka-ready: ${brokers.join(',')} ready after ${((Date.now() - start) / 1000).toFixed(1)} s (${info})\n`,
      );
    process.exit(0);
  } catch (e) {
    lastError = e instanceof Error ? e.message : String(e);
  }
  if (Date.now() - start >= timeoutMs) {
    process.stderr.write(
      `kafka-ready: Kafka at ${brokers.join(',')} not ready after ${timeoutMs / 1000} s; last error: ${lastError}\n`,
    );
    process.exit(1);
  }
  await sleep(250);
}
