/**
 * `perflens compare` on latency histograms: the sides' iterations print a Prometheus histogram
 * into script.log (written here after the documented text format; the readers themselves are
 * proven on prom-client's and hdr-histogram-js's own output in
 * test/unit/engine/compare/latencyHistograms.test.ts). Every percentile is worked out beside it
 * with the histogram_quantile rule; what is checked is the comparison: the gate on a histogram
 * percentile, the basis in the row, and no change claimed that is smaller than the buckets.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { runCli } from '../../../cli/main';
import type { CliIo } from '../../../cli/io';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'perflens-compare-hist-'));
after(() => fs.rmSync(root, { recursive: true, force: true }));

const BOUNDS = ['0.1', '0.25', '0.5', '1', '2.5', '+Inf'];

/** One scrape of `ack_seconds` with these cumulative counts at BOUNDS. */
function scrape(counts: number[]): string[] {
  return [
    '# HELP ack_seconds Time to ack.',
    '# TYPE ack_seconds histogram',
    ...BOUNDS.map((le, i) => `ack_seconds_bucket{le="${le}"} ${counts[i]}`),
    `ack_seconds_count ${counts[counts.length - 1]}`,
  ];
}

let sideNo = 0;
function side(counts: number[], n = 5): string {
  const dir = path.join(root, `side-${++sideNo}`);
  for (let i = 0; i < n; i++) {
    const d = path.join(dir, `run-${i + 1}`);
    fs.mkdirSync(d, { recursive: true });
    const start = Date.UTC(2026, 11, 6, 10, 0, 0) + i * 3_600_000;
    fs.writeFileSync(
      path.join(d, 'run.json'),
      JSON.stringify({
        startTime: new Date(start).toISOString(),
        endTime: new Date(start + 100_000 + i).toISOString(),
        exitCode: 0,
        status: 'completed',
      }),
    );
    fs.writeFileSync(path.join(d, 'script.log'), ['PASS ok', ...scrape(counts), ''].join('\n'));
  }
  return dir;
}

async function compare(...args: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const io: CliIo = { out: (t) => (out += t), err: () => undefined, handleSignals: false };
  const code = await runCli(['compare', ...args], io);
  return { code, out };
}

interface Row {
  name: string;
  verdict: string;
  change: number;
  basis?: string;
  baseline: { median: number };
  treatment: { median: number };
  resolution?: { low: number; high: number | null; limited: boolean };
}

const GATE = ['--gate', 'latency:ack_seconds:p99:not-worse'];
// Baseline: 0.1 → 90, 0.25 → 96, 0.5 → 100, then 100. p99: r = 99 → (250, 500 ms] holding 4:
// 250 + 250 × 3/4 = 437.5 ms.
const BASE = [90, 96, 100, 100, 100, 100];

describe('compare on latency histograms', () => {
  it('a p99 that moves to a higher bucket is worse; the gate fails; the row names its basis', async () => {
    // Treatment: 0.1 → 90, 0.25 → 95, 0.5 → 96, 1 → 97, 2.5 → 100. p99: r = 99 → (1000, 2500]
    // holding 3: 1000 + 1500 × 2/3 = 2000 ms. Even at the buckets' edges the change is at least
    // 1000 − 500 = +500 ms, beyond the 2 % threshold.
    const b = side(BASE);
    const t = side([90, 95, 96, 97, 100, 100]);
    const r = await compare(b, t, '--json', ...GATE);
    const j = JSON.parse(r.out) as { verdict: string; metrics: Row[]; gate: { status: string }[] };
    const p99 = j.metrics.find((m) => m.name === 'latency:ack_seconds:p99')!;
    assert.equal(p99.baseline.median, 437.5);
    assert.equal(p99.treatment.median, 2000);
    assert.equal(p99.verdict, 'worse');
    assert.equal(p99.resolution?.low, 500);
    assert.equal(
      p99.basis,
      'from a 5-bucket Prometheus histogram; p99 within 250–500 ms (baseline), within 1,000–2,500 ms (treatment)',
    );
    assert.equal(j.gate[0].status, 'fail');
    assert.equal(r.code, 1);

    const md = await compare(b, t, '--markdown', ...GATE);
    // Markdown escapes the underscore.
    assert.match(
      md.out,
      /latency:ack\\_seconds:p99 \(ms\) — from a 5-bucket Prometheus histogram; p99 within 250–500 ms \(baseline\)/,
    );
  });

  it('a rise inside the same bucket is not claimed: same, within bucket resolution', async () => {
    // Treatment: 0.1 → 90, 0.25 → 95, 0.5 → 100. p99: r = 99 → (250, 500] holding 5:
    // 250 + 250 × 4/5 = 450 ms, +12.5 ms = +2.9 % over 437.5 — the rank test separates the
    // sides (5 vs 5, p = 2/252) and it passes the 2 % threshold, but both sides lie in
    // (250, 500]: the true change could be anywhere in 250 − 500 = −250 … 500 − 250 = +250 ms.
    const b = side(BASE);
    const t = side([90, 95, 100, 100, 100, 100]);
    const r = await compare(b, t, '--json', ...GATE);
    const j = JSON.parse(r.out) as { verdict: string; metrics: Row[]; gate: { status: string }[] };
    const p99 = j.metrics.find((m) => m.name === 'latency:ack_seconds:p99')!;
    assert.equal(p99.treatment.median, 450);
    assert.equal(p99.change, 12.5);
    assert.deepEqual(p99.resolution, { low: -250, high: 250, limited: true });
    assert.equal(p99.verdict, 'same');
    assert.match(p99.basis!, /p99 within 250–500 ms on both sides/);
    assert.equal(j.gate[0].status, 'pass');
    assert.equal(r.code, 0);
    const md = await compare(b, t, '--markdown', ...GATE);
    assert.match(
      md.out,
      /same \(p=0\.0079, within bucket resolution: the change could be −250 … \+250 ms\)/,
    );
  });

  it('a p99 in the +Inf bucket is the highest finite bound, flagged in the basis', async () => {
    // 0.1 → 90, …, 2.5 → 97, +Inf → 100: p99: r = 99 > 97 → +Inf bucket → 2500 ms.
    const b = side(BASE);
    const t = side([90, 95, 96, 97, 97, 100]);
    const j = JSON.parse((await compare(b, t, '--json', ...GATE)).out) as { metrics: Row[] };
    const p99 = j.metrics.find((m) => m.name === 'latency:ack_seconds:p99')!;
    assert.equal(p99.treatment.median, 2500);
    assert.match(p99.basis!, /above 2,500 ms \(\+Inf bucket: shown as 2,500\) \(treatment\)/);
    // The worst case is unbounded (JSON null), the least change 2500 − 500 = +2000 ms: worse.
    assert.equal(p99.resolution?.high, null);
    assert.equal(p99.verdict, 'worse');
  });
});
