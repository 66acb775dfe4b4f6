/**
 * Compare view benchmark: what the Compare view adds to a comparison. The language server's
 * `perflens/compare` (server/views/compareView.ts) reads both sides once and, beside the
 * statistics, folds every CPU profile into the differential flame, collects the counters over
 * time and builds the view's data; the named reference, timed in the same run on the same
 * folders, is what `perflens compare --markdown` does (loadSide × 2, compareSides, the Markdown).
 *
 *   node --import tsx bench/compare-view.ts [--iterations 4] [--mb 5] [--reps 5]
 *
 * Each side is `--iterations` run folders, each with run.json and one synthetic V8 cpuprofile of
 * `--mb` MB (bench/syntheticCpuprofile.ts: a realistic call tree and ~1 ms samples). Prints
 * medians (ms), the ratio to the reference, and the size of the view's data as JSON.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compareSides, comparisonMarkdown, loadSide } from '../engine/compare';
import { compareView } from '../server/views/compareView';
import { generateCpuprofile } from './syntheticCpuprofile';

function arg(name: string, def: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i !== -1 && process.argv[i + 1] ? Number(process.argv[i + 1]) : def;
}

const iterations = arg('iterations', 4);
const mb = arg('mb', 5);
const reps = arg('reps', 5);

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'perflens-bench-compare-'));
  try {
    const profile = join(root, 'profile.cpuprofile');
    generateCpuprofile(profile, mb * 1024 * 1024);
    const bytes = readFileSync(profile);
    for (const side of ['baseline', 'treatment'])
      for (let k = 0; k < iterations; k++) {
        const d = join(root, side, `run-${k + 1}`);
        mkdirSync(join(d, 'profiles'), { recursive: true });
        const start = Date.UTC(2026, 11, 6, 12, 0, 0) + k * 600_000;
        // Wall-clocks differ a little per iteration and side, so the statistics have work to do.
        const wall = 60_000 + k * 500 + (side === 'treatment' ? 3000 : 0);
        writeFileSync(
          join(d, 'run.json'),
          JSON.stringify({
            startTime: new Date(start).toISOString(),
            endTime: new Date(start + wall).toISOString(),
            status: 'completed',
          }),
        );
        writeFileSync(join(d, 'profiles', `CPU.${k}.1.cpuprofile`), bytes);
      }
    const b = join(root, 'baseline');
    const t = join(root, 'treatment');

    const reference = async (): Promise<number> => {
      const t0 = performance.now();
      const [lb, lt] = await Promise.all([loadSide(b), loadSide(t)]);
      comparisonMarkdown(compareSides(lb.iterations, lt.iterations));
      return performance.now() - t0;
    };
    let size = 0;
    let nodes = 0;
    const view = async (): Promise<number> => {
      const t0 = performance.now();
      const r = await compareView({ baseline: b, treatment: t });
      const ms = performance.now() - t0;
      size = JSON.stringify(r.result).length;
      nodes = r.result.data?.flame?.names.length ?? 0;
      return ms;
    };
    // One warm-up each, then alternate so drift hits both alike.
    await reference();
    await view();
    const ref: number[] = [];
    const cv: number[] = [];
    for (let i = 0; i < reps; i++) {
      ref.push(await reference());
      cv.push(await view());
    }
    const mr = median(ref);
    const mv = median(cv);
    console.log(
      `${iterations} iterations a side, one ${mb} MB cpuprofile each; ${reps} repetitions, medians\n`,
    );
    console.log('| what | median ms | ratio |');
    console.log('|---|---:|---:|');
    console.log(
      `| reference: perflens compare --markdown (loadSide × 2, compareSides, Markdown) | ${mr.toFixed(0)} | 1.00 |`,
    );
    console.log(
      `| perflens/compare for the Compare view (+ differential flame, over time, view data) | ${mv.toFixed(0)} | ${(mv / mr).toFixed(2)} |`,
    );
    console.log(
      `\nThe view's data: ${(size / 1024).toFixed(0)} KiB of JSON, ${nodes} flame nodes (≥ 0.1 % of the larger side's CPU on either side).`,
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

void main();
