// A daemon that logs heavily: about --mb-per-s MB/s of SPHERE_DEBUG-style lines to stdout, with a
// perf-counters dump (Node's util.inspect form, as the counters module prints it) every
// --dump-ms, for --seconds; then it exits cleanly. Used by bench/host-cpu.ts.
import { inspect } from 'node:util';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const mbPerS = arg('--mb-per-s', 10);
const seconds = arg('--seconds', 5);
const dumpMs = arg('--dump-ms', 500);
const tickMs = 20;
const line = (i) =>
  `[${new Date().toISOString()}] [DEBUG] [ipfs] fetched block ` +
  `bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi ${i} in ` +
  `3ms\n`;
const perTick = Math.round((mbPerS * 1024 * 1024 * tickMs) / 1000 / line(0).length);
const names = Array.from({ length: 20 }, (_, k) => `orbitdb.stage${k}.putEntry`);
let i = 0;
const end = Date.now() + seconds * 1000;
const writer = setInterval(() => {
  let chunk = '';
  for (let k = 0; k < perTick; k++) chunk += line(i++);
  process.stdout.write(chunk);
  if (Date.now() >= end) {
    clearInterval(writer);
    clearInterval(dumper);
  }
}, tickMs);
const dumper = setInterval(() => {
  const snap = Object.fromEntries(
    names.map((n, k) => [n, { count: k + 1, totalMs: (k + 1) * 3, avgMs: 3, maxMs: 9 }]),
  );
  console.log(
    `[${new Date().toISOString()}] [INFO ] [perf] [perf-counters] snapshot:`,
    inspect(snap),
  );
}, dumpMs);
