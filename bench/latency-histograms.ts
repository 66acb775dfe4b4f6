/**
 * What looking for latency histograms costs a comparison's read of an iteration: the run
 * reader's one pass over `script.log` with the histogram readers fed every line
 * (`onScriptLogLine`), against the same pass without them — the reference, measured in the same
 * run, alternating, so drift hits both alike.
 *
 *   node --import tsx bench/latency-histograms.ts [--size-mb 100] [--reps 5] [--dir /tmp]
 *
 * The log: the synthetic soak run (three processes' util.inspect counter dumps, bench/syntheticRun.ts)
 * padded with debug lines that are full of underscores (`block_count=3 total_ms=12`, the lines the
 * Prometheus reader has to look at twice), and a Prometheus scrape of a 12-bucket histogram from
 * each process every 2,000 lines. Output: median ms of each mode, MB/s, and the ratio.
 */
import { appendFileSync, mkdirSync, rmSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { createLatencyHistogramCollector } from '../engine/compare/loadLatencyHistograms';
import { readRunFolder } from '../engine/soak';
import { mulberry32 } from './seededRandom';
import { generateRun } from './syntheticRun';

function arg(name: string, def: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i !== -1 && process.argv[i + 1] ? process.argv[i + 1] : def;
}
const sizeMb = Number(arg('size-mb', '100'));
const reps = Number(arg('reps', '5'));
const dir = path.join(arg('dir', '/tmp'), `perflens-bench-histograms-${sizeMb}`);

const BOUNDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, Infinity];

function generate(): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  generateRun({ dir, durationS: 3600 });
  const log = path.join(dir, 'script.log');
  const r = mulberry32(11);
  const procs = ['alice', 'bob', 'carol'];
  let seen = 0;
  let line = 0;
  while (statSync(log).size < sizeMb * 1024 * 1024) {
    const out: string[] = [];
    for (let k = 0; k < 2000; k++, line++) {
      const p = procs[line % 3];
      out.push(
        `[${p}] [2026-12-01T10:${String(line % 60).padStart(2, '0')}:00.000Z] [DEBUG] [ipfs] ` +
          `fetch_car ok block_count=${Math.floor(r() * 9)} total_ms=${Math.floor(r() * 900)} peer_id=Qm${line}`,
      );
    }
    seen += 2000;
    for (const p of procs) {
      out.push(`[${p}] # TYPE ack_latency_seconds histogram`);
      let c = 0;
      for (const b of BOUNDS) {
        c += Math.floor(seen / 24);
        out.push(`[${p}] ack_latency_seconds_bucket{le="${b === Infinity ? '+Inf' : b}"} ${c}`);
      }
      out.push(`[${p}] ack_latency_seconds_count ${c}`);
    }
    appendFileSync(log, out.join('\n') + '\n');
  }
}

async function once(withHistograms: boolean): Promise<number> {
  const t0 = performance.now();
  if (withHistograms) {
    const h = createLatencyHistogramCollector();
    const sink = h.lineSink(path.join(dir, 'script.log'));
    await readRunFolder(dir, { onScriptLogLine: sink.push });
    sink.end();
    const found = await h.finish(dir);
    if (found.histograms.length !== 1) throw new Error('the scrapes were not found');
  } else await readRunFolder(dir);
  return performance.now() - t0;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function main(): Promise<void> {
  generate();
  const mb = statSync(path.join(dir, 'script.log')).size / 1024 / 1024;
  await once(true); // warm both paths (JIT, page cache)
  await once(false);
  const plain: number[] = [];
  const hist: number[] = [];
  for (let i = 0; i < reps; i++) {
    plain.push(await once(false));
    hist.push(await once(true));
  }
  const p = median(plain);
  const h = median(hist);
  console.log(`script.log ${mb.toFixed(0)} MB, ${reps} repetitions, medians\n`);
  console.log('| mode | median ms | MB/s |');
  console.log('| :--- | ---: | ---: |');
  console.log(
    `| run reader alone (reference) | ${p.toFixed(0)} | ${(mb / (p / 1000)).toFixed(0)} |`,
  );
  console.log(
    `| run reader + histogram readers | ${h.toFixed(0)} | ${(mb / (h / 1000)).toFixed(0)} |`,
  );
  console.log(`\nratio with/without: ${(h / p).toFixed(2)}×`);
  rmSync(dir, { recursive: true, force: true });
}

void main();
