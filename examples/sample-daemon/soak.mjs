#!/usr/bin/env node
// Soak: two sample daemons (alice, bob) paying each other for N seconds, their output prefixed
// with [alice]/[bob], then PASS/FAIL assertions; exits 1 on any FAIL.
//   node soak.mjs [--duration S] [--ops N] [--ops-per-sec R] [--batch] [--latency-ms MS]
// --ops N: each daemon stops after N payments (fixed work, so an A/B's wall-clock compares).
// Plain Node (no build step) and no signal handlers of its own: when PerfLens stops the run it
// signals the whole process group, so both daemons get the signal directly.
import { spawn } from 'node:child_process';
import * as net from 'node:net';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const daemon = path.join(here, 'dist', 'main.js');

function parse(argv) {
  const o = { duration: 10, opsPerSec: 20, batch: false, latencyMs: 2 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--duration') o.duration = Number(argv[++i]);
    else if (a === '--ops-per-sec') o.opsPerSec = Number(argv[++i]);
    else if (a === '--ops') o.ops = Number(argv[++i]);
    else if (a === '--latency-ms') o.latencyMs = Number(argv[++i]);
    else if (a === '--batch') o.batch = true;
    else {
      console.error(`soak: unknown option '${a}'`);
      process.exit(2);
    }
  }
  return o;
}

/** A free loopback port; the daemons need each other's address before either starts. */
function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function prefixLines(stream, label, out) {
  let rest = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk) => {
    const text = rest + chunk;
    const lines = text.split('\n');
    rest = lines.pop();
    if (lines.length) out.write(lines.map((l) => `[${label}] ${l}\n`).join(''));
  });
  stream.on('end', () => rest && out.write(`[${label}] ${rest}\n`));
}

function start(name, port, peerPort, o) {
  const args = [
    daemon,
    '--name',
    name,
    '--port',
    String(port),
    '--peer',
    `http://127.0.0.1:${peerPort}`,
    '--duration',
    String(o.duration),
    '--ops-per-sec',
    String(o.opsPerSec),
    '--latency-ms',
    String(o.latencyMs),
    '--linger',
    '1',
  ];
  if (o.batch) args.push('--batch');
  if (o.ops) args.push('--ops', String(o.ops));
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let done;
  child.stdout.on('data', (c) => {
    const m =
      /done ops=(\d+) .*sent=(\d+) acked=(\d+) received=(\d+) balance=(-?\d+) errors=(\d+)/.exec(
        String(c),
      );
    if (m)
      done = {
        ops: +m[1],
        sent: +m[2],
        acked: +m[3],
        received: +m[4],
        balance: +m[5],
        errors: +m[6],
      };
  });
  prefixLines(child.stdout, name, process.stdout);
  prefixLines(child.stderr, name, process.stderr);
  return new Promise((resolve) =>
    child.on('close', (code, signal) => resolve({ name, code, signal, done })),
  );
}

const o = parse(process.argv.slice(2));
const [pa, pb] = [await freePort(), await freePort()];
console.log(
  `soak: alice on ${pa}, bob on ${pb}, ${o.duration}s at ${o.opsPerSec} ops/s ` +
    `each${o.batch ? ', batched writes' : ''}`,
);
const [alice, bob] = await Promise.all([start('alice', pa, pb, o), start('bob', pb, pa, o)]);

let failed = 0;
function check(ok, what) {
  console.log(`${ok ? 'PASS' : 'FAIL'} ${what}`);
  if (!ok) failed++;
}
for (const r of [alice, bob]) {
  check(
    r.code === 0,
    `${r.name} exited cleanly (code ${r.code}${r.signal ? `, signal ${r.signal}` : ''})`,
  );
  check((r.done?.ops ?? 0) > 0, `${r.name} completed operations (${r.done?.ops ?? 0})`);
}
if (alice.done && bob.done) {
  check(
    bob.done.received >= alice.done.acked,
    `no acknowledged payment lost alice→bob (acked ${alice.done.acked}, ` +
      `received ${bob.done.received})`,
  );
  check(
    alice.done.received >= bob.done.acked,
    `no acknowledged payment lost bob→alice (acked ${bob.done.acked}, ` +
      `received ${alice.done.received})`,
  );
}
console.log(`soak: ${failed === 0 ? 'all assertions passed' : `${failed} assertion(s) failed`}`);
process.exit(failed === 0 ? 0 : 1);
