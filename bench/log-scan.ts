/**
 * Log-scan benchmark: our counter-dump scan of a large `SPHERE_DEBUG=*` log vs the floor of
 * reading the same file line by line in Node (`readline` over `fs.createReadStream`), in the same
 * run, each measured in a fresh child process so its peak RSS is its own.
 *
 *   node --import tsx bench/log-scan.ts [--size-mb 1024] [--small-mb 128] [--reps 3] [--dir /tmp]
 *
 * The log is generated once per size: debug lines from a dozen namespaces (ISO timestamp, level,
 * namespace, message, sometimes a JSON fields blob), two processes labelled `[alice]`/`[bob]`
 * interleaved, and a multi-line util.inspect counter dump from each process every ~5 s of log
 * time. Output: a Markdown table with median MB/s, the ratio to the floor (target ≥ 50 %), and
 * the peak RSS of each mode at two sizes (bounded memory = RSS not growing with the file).
 */
import { execFileSync } from 'node:child_process';
import { createReadStream, existsSync, openSync, statSync, writeSync, closeSync } from 'node:fs';
import * as path from 'node:path';
import { createInterface } from 'node:readline';
import { inspect } from 'node:util';
import { scanLogFile } from '../engine/counters/logFileScanner';

interface ChildResult {
  readonly ms: number;
  readonly lines: number;
  readonly dumps: number;
  readonly maxRssKb: number;
}

function arg(name: string, def: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i !== -1 && process.argv[i + 1] ? process.argv[i + 1] : def;
}

const NAMESPACES = [
  'ipfs',
  'orbitdb',
  'nostr',
  'payments',
  'transport:nostr',
  'uxf',
  'aggregator',
  'flushScheduler',
  'bundleIndex',
  'storage',
  'sync',
  'market',
];
const MESSAGES = [
  'fetched block',
  'putEntry begin',
  'publish ok',
  'verify proof',
  'relay message received',
  'subscription armed',
  'flush scheduled',
  'bundle listed',
  'head verified',
  'pin requested',
];
const COUNTERS = [
  'orbitdb.putEntry.bundle',
  'orbitdb.putEntry.encode',
  'orbitdb.putEntry.headVerify',
  'orbitdb.putEntry.publish',
  'orbitdb.putEntry.error',
  'ipfs.fetchCar.calls',
  'ipfs.fetchCar.bytes',
  'ipfs.fetchCar.blocks',
  'ipfs.pinCar.totalMs',
  'flushScheduler.flushToIpfs.calls',
  'bundleIndex.listBundles.dbAllMs',
  'uxf.computeVerifiedProofs.verifyMs',
  'aggregator.rpc.submit_commitment.http_error',
  'aggregator.rpc.get_inclusion_proof.http_error',
];

/** Writes a realistic log of about `bytes` bytes; returns nothing (the file is the product). */
function generate(file: string, bytes: number): void {
  const fd = openSync(file, 'w');
  let written = 0;
  let t = Date.parse('2026-05-30T20:00:00.000Z');
  let seed = 42;
  const rnd = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  let nextDump = t + 5000;
  const parts: string[] = [];
  let partBytes = 0;
  while (written < bytes) {
    const label = rnd() < 0.5 ? 'alice' : 'bob';
    t += Math.floor(rnd() * 3);
    const ns = NAMESPACES[Math.floor(rnd() * NAMESPACES.length)];
    const msg = MESSAGES[Math.floor(rnd() * MESSAGES.length)];
    const iso = new Date(t).toISOString();
    let line = `[${label}] [${iso}] [DEBUG] [${ns}] ${msg} ${Math.floor(rnd() * 1e9).toString(16)}`;
    if (rnd() < 0.3)
      line += ` {"cid":"bafy${Math.floor(rnd() * 1e12).toString(36)}","ms":${(rnd() * 100).toFixed(3)}}`;
    parts.push(line, '\n');
    partBytes += line.length + 1;
    if (t >= nextDump) {
      nextDump += 5000;
      for (const who of ['alice', 'bob']) {
        const snap: Record<
          string,
          { count: number; totalMs: number; avgMs: number; maxMs: number }
        > = {};
        for (const c of COUNTERS) {
          const count = Math.floor(rnd() * 500);
          const timer = !/calls|bytes|blocks|error/.test(c);
          const totalMs = timer ? Math.round(rnd() * 5000 * 1000) / 1000 : 0;
          snap[c] = {
            count,
            totalMs,
            avgMs: count && timer ? Math.round((totalMs / count) * 1000) / 1000 : 0,
            maxMs: timer ? Math.round(rnd() * 200 * 1000) / 1000 : 0,
          };
        }
        const text = `[${iso}] [INFO ] [perf] [perf-counters] snapshot: ${inspect(snap)}`;
        for (const l of text.split('\n')) {
          parts.push(`[${who}] ${l}\n`);
          partBytes += who.length + 4 + l.length;
        }
      }
    }
    if (partBytes > 4 * 1024 * 1024) {
      const chunk = Buffer.from(parts.join(''));
      writeSync(fd, chunk);
      written += chunk.length;
      parts.length = 0;
      partBytes = 0;
    }
  }
  if (parts.length) writeSync(fd, Buffer.from(parts.join('')));
  closeSync(fd);
}

async function child(mode: string, file: string): Promise<void> {
  const t0 = process.hrtime.bigint();
  let lines = 0;
  let dumps = 0;
  if (mode === 'readline') {
    const rl = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
    for await (const _ of rl) lines++;
  } else {
    const r = await scanLogFile(file, { onDump: () => dumps++ });
    lines = r.lines;
  }
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const out: ChildResult = { ms, lines, dumps, maxRssKb: process.resourceUsage().maxRSS };
  process.stdout.write(JSON.stringify(out));
}

function runChild(mode: string, file: string): ChildResult {
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', __filename, '--child', mode, file],
    { encoding: 'utf8', maxBuffer: 1 << 20 },
  );
  return JSON.parse(out) as ChildResult;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function main(): Promise<void> {
  const ci = process.argv.indexOf('--child');
  if (ci !== -1) return child(process.argv[ci + 1], process.argv[ci + 2]);
  const sizeMb = Number(arg('size-mb', '1024'));
  const smallMb = Number(arg('small-mb', String(Math.max(1, Math.round(sizeMb / 8)))));
  const reps = Number(arg('reps', '3'));
  const dir = arg('dir', '/tmp');
  const rows: string[] = [];
  rows.push(
    `node ${process.version}, ${reps} reps each (medians), modes alternated, each rep in a ` +
      `fresh process`,
  );
  rows.push('');
  rows.push('| log size | mode | median s | MB/s | vs readline | peak RSS MiB | lines | dumps |');
  rows.push('|---|---|---|---|---|---|---|---|');
  for (const mb of [smallMb, sizeMb]) {
    const file = path.join(dir, `perflens-bench-${mb}mb.log`);
    if (!existsSync(file) || Math.abs(statSync(file).size - mb * 1048576) > 8 * 1048576) {
      process.stderr.write(`generating ${file} (${mb} MiB)…\n`);
      generate(file, mb * 1048576);
    }
    const size = statSync(file).size;
    const res: Record<string, ChildResult[]> = { readline: [], scan: [] };
    runChild('readline', file); // warm the page cache
    for (let r = 0; r < reps; r++) {
      for (const mode of r % 2 ? ['scan', 'readline'] : ['readline', 'scan']) {
        const x = runChild(mode, file);
        res[mode].push(x);
        process.stderr.write(
          `${mb} MiB ${mode} rep ${r + 1}: ${(x.ms / 1000).toFixed(2)} s, ` +
            `RSS ${(x.maxRssKb / 1024).toFixed(0)} MiB\n`,
        );
      }
    }
    const floorMs = median(res.readline.map((x) => x.ms));
    for (const mode of ['readline', 'scan']) {
      const xs = res[mode];
      const ms = median(xs.map((x) => x.ms));
      rows.push(
        `| ${(size / 1048576).toFixed(0)} MiB | ${mode === 'scan' ? 'PerfLens scanLogFile' : 'readline floor'} | ${(ms / 1000).toFixed(2)} | ${(size / 1048576 / (ms / 1000)).toFixed(0)} | ${((floorMs / ms) * 100).toFixed(0)} % | ${(median(xs.map((x) => x.maxRssKb)) / 1024).toFixed(0)} | ${xs[0].lines} | ${mode === 'scan' ? xs[0].dumps : '–'} |`,
      );
    }
  }
  process.stdout.write(`${rows.join('\n')}\n`);
}

void main();
