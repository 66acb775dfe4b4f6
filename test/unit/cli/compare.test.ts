/**
 * `perflens compare` on synthetic iterations: every verdict and exit code, one iteration a side,
 * a FAIL in the faster side, a noisy window, gate rules, BH over the secondary family, raw
 * latency percentiles. Each iteration is a hand-written run folder (run.json start/end →
 * wall-clock; script.log PASS/FAIL lines; counters.jsonl windows; latency/*.txt; machine.tsv), so
 * every expected number below is worked out beside it.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { runCli } from '../../../cli/main';
import type { CliIo } from '../../../cli/io';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'perflens-compare-'));
after(() => fs.rmSync(root, { recursive: true, force: true }));

interface Iteration {
  wallMs: number;
  exitCode?: number;
  /** run.json's status when it is not what the exit code alone suggests. */
  status?: string;
  log?: string[];
  counters?: Record<string, { count: number; totalMs: number }>;
  latency?: Record<string, number[]>;
  /**
   * machine.tsv rows: other cores used by processes that are not the run's, on a 2-core machine.
   */
  otherCores?: number[];
}

let sideNo = 0;
/** A side: a folder of iterations run-1…N. */
function side(its: Iteration[]): string {
  const dir = path.join(root, `side-${++sideNo}`);
  its.forEach((it, i) => {
    const d = path.join(dir, `run-${i + 1}`);
    fs.mkdirSync(d, { recursive: true });
    const start = Date.UTC(2026, 11, 2, 10, 0, 0) + i * 3_600_000;
    fs.writeFileSync(
      path.join(d, 'run.json'),
      JSON.stringify({
        startTime: new Date(start).toISOString(),
        endTime: new Date(start + it.wallMs).toISOString(),
        exitCode: it.exitCode ?? 0,
        status: it.status ?? ((it.exitCode ?? 0) === 0 ? 'completed' : 'failed'),
      }),
    );
    fs.writeFileSync(path.join(d, 'script.log'), (it.log ?? ['PASS all good']).join('\n') + '\n');
    if (it.counters) {
      const cells = Object.fromEntries(
        Object.entries(it.counters).map(([k, c]) => [
          k,
          { ...c, avgMs: c.count ? c.totalMs / c.count : 0, maxMs: 1 },
        ]),
      );
      fs.writeFileSync(
        path.join(d, 'counters.jsonl'),
        JSON.stringify({
          time: new Date(start + 5000).toISOString(),
          source: 'main',
          line: 1,
          format: 'json',
          counters: cells,
        }) + '\n',
      );
    }
    for (const [name, values] of Object.entries(it.latency ?? {})) {
      fs.mkdirSync(path.join(d, 'latency'), { recursive: true });
      fs.writeFileSync(path.join(d, 'latency', `${name}.txt`), values.join('\n') + '\n');
    }
    if (it.otherCores)
      fs.writeFileSync(
        path.join(d, 'machine.tsv'),
        'time\tcores\tmachine_busy_cores\trun_cores\tother_cores\n' +
          it.otherCores.map((o, k) => `${start + k * 5000}\t2\t${o + 0.5}\t0.5\t${o}`).join('\n') +
          '\n',
      );
  });
  return dir;
}

const walls = (ms: number[], extra: Partial<Iteration> = {}): Iteration[] =>
  ms.map((wallMs) => ({ wallMs, ...extra }));

async function compare(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { out: (t) => (out += t), err: (t) => (err += t), handleSignals: false };
  const code = await runCli(['compare', ...args], io);
  return { code, out, err };
}

interface Json {
  verdict: string;
  reason: string;
  correctness: { verdict: string; newFailures: string[]; newBadExits: string[] };
  metrics: Array<{
    name: string;
    baseline: { n: number; median: number; values: number[] };
    treatment: { n: number; median: number };
    change: number;
    ci: [number | null, number | null];
    p: number;
    q?: number;
    verdict: string;
    needed?: number[];
  }>;
  counters: Array<{ name: string }>;
  functions: unknown[];
  gate: Array<{ rule: string; status: string }>;
  noise: { flagged: { baseline: string[]; treatment: string[] }; excluded: boolean };
  warnings: string[];
  iterations: { baseline: number; treatment: number };
}

async function compareJson(
  b: string,
  t: string,
  ...extra: string[]
): Promise<{ code: number; j: Json }> {
  const r = await compare(b, t, '--json', ...extra);
  return { code: r.code, j: JSON.parse(r.out) as Json };
}

const metric = (j: Json, name: string): Json['metrics'][number] => {
  const m = j.metrics.find((x) => x.name === name);
  assert.ok(m, `metric ${name} in ${j.metrics.map((x) => x.name).join(', ')}`);
  return m;
};

describe('perflens compare: verdicts and exit codes', () => {
  const base5 = side(walls([100_000, 101_000, 102_000, 103_000, 104_000]));

  it('worse: 5 v 5, every treatment slower (≈ +10 %) → p = 2/252, exit 1', async () => {
    const { code, j } = await compareJson(
      base5,
      side(walls([110_000, 111_000, 112_000, 113_000, 114_000])),
    );
    assert.equal(j.verdict, 'worse');
    assert.equal(code, 1);
    const w = metric(j, 'wall-clock');
    // Fully separated: the smallest exact two-sided p, 2 / C(10,5) = 2/252.
    assert.ok(Math.abs(w.p - 2 / 252) < 1e-12);
    // Differences y − x are 6 … 14 s (each i−j once per pair): their median is 10 s;
    // interval [D(3), D(23)] = [7, 13] s as in the statistics test, baseline median 102 s.
    assert.equal(w.change, 10_000);
    assert.deepEqual(w.ci, [7_000, 13_000]);
    assert.equal(w.baseline.median, 102_000);
  });

  it('better: the same numbers the other way round, exit 0', async () => {
    const { code, j } = await compareJson(
      side(walls([110_000, 111_000, 112_000, 113_000, 114_000])),
      base5,
    );
    assert.equal(j.verdict, 'better');
    assert.equal(code, 0);
    assert.equal(metric(j, 'wall-clock').change, -10_000);
  });

  it('no-difference: interleaved sides (p = 0.69 by scipy for 1,3,5,7,9 v 2,4,6,8,10), exit 0', async () => {
    const { code, j } = await compareJson(
      side(walls([101_000, 103_000, 105_000, 107_000, 109_000])),
      side(walls([102_000, 104_000, 106_000, 108_000, 110_000])),
    );
    assert.equal(j.verdict, 'no-difference');
    assert.equal(code, 0);
    assert.ok(Math.abs(metric(j, 'wall-clock').p - 0.6904761904761905) < 1e-9);
  });

  it('no-difference says the smallest change it could have seen (text and --json)', async () => {
    // ln wall-clocks 0, ±0.05, ±0.10 around 100 s and around 101.005 s (+1 %), to the ms:
    // 90,484 95,123 100,000 105,127 110,517 v 91,393 96,079 101,005 106,184 111,628.
    const ln = [-0.1, -0.05, 0, 0.05, 0.1];
    const b = side(walls(ln.map((x) => Math.round(100_000 * Math.exp(x)))));
    const t = side(walls(ln.map((x) => Math.round(100_000 * Math.exp(x + 0.01)))));
    // Pooled |ln deviations|: 0,0, four ≈ 0.05, four ≈ 0.10 → MAD 0.05 → σ = 1.4826 × 0.05 =
    // 0.07413 ("7.4 % noise"). 5 a side: α′ = 8/252, ν = 8, scipy t.ppf(1 − 4/252, 8) +
    // t.ppf(0.8, 8) = 2.5974 + 0.8889 = 3.4863; δ = 3.4863 × 0.07413 × √(2/5) × √(π/3) = 0.16726
    // → e^δ − 1 = 18.2 %. 10 %: 11 a side gives δ = 0.0962 > ln 1.1 = 0.0953, 12 gives 0.0924.
    const { code, j } = await compareJson(b, t);
    assert.equal(j.verdict, 'no-difference');
    assert.equal(code, 0);
    const d = (metric(j, 'wall-clock') as unknown as { detectable: Record<string, unknown> })
      .detectable;
    assert.ok(Math.abs((d.pct as number) - 18.207) < 0.01, `pct ${String(d.pct)}`);
    assert.equal(d.power, 0.8);
    assert.equal(d.alpha, 0.05);
    assert.deepEqual(d.needed, [
      { pct: 10, perSide: 12 },
      // 2 %: 231 a side gives 0.019817 > ln 1.02 = 0.019803, 232 gives 0.019774.
      { pct: 2, perSide: 232 },
    ]);
    assert.match(
      j.reason,
      /no clear difference — with 5 a side and 7\.4 % noise, changes under ~18 % could not be seen; ~12 a side would see 10 %$/,
    );
    const text = await compare(b, t);
    assert.match(
      text.out,
      /^\*\*A\/B comparison: no-difference\*\* — wall-clock .*: no clear difference — with 5 a side and 7\.4 % noise, changes under ~18 % could not be seen; ~12 a side would see 10 %\n/,
    );
  });

  it('a significant change under the practical threshold is "same": +1 % with p = 2/252, exit 0', async () => {
    // 100.0…100.4 s against 101.0…101.4 s: every treatment slower, shift 1 s = 0.998 % of 100.2 s.
    const { code, j } = await compareJson(
      side(walls([100_000, 100_100, 100_200, 100_300, 100_400])),
      side(walls([101_000, 101_100, 101_200, 101_300, 101_400])),
    );
    assert.equal(metric(j, 'wall-clock').verdict, 'same');
    assert.equal(j.verdict, 'no-difference');
    assert.equal(code, 0);
    // With --threshold 0.5% the same 1 % is a real slowdown.
    const strict = await compareJson(
      side(walls([100_000, 100_100, 100_200, 100_300, 100_400])),
      side(walls([101_000, 101_100, 101_200, 101_300, 101_400])),
      '--threshold',
      '0.5%',
    );
    assert.equal(strict.j.verdict, 'worse');
    assert.equal(strict.code, 1);
  });

  it('inconclusive: one iteration a side (631 s v 805 s) → raw difference and iterations needed, exit 3', async () => {
    const r = await compare(side(walls([631_000])), side(walls([805_000])));
    assert.equal(r.code, 3);
    // 1 v 1: the smallest p is 2/C(2,1) = 1; 3 a side reach only 2/20 = 0.1, 4 a side 2/70 ≈ 0.029.
    assert.match(r.out, /\*\*A\/B comparison: inconclusive\*\*/);
    assert.match(
      r.out,
      /raw difference of medians \+174,?000 ms|raw difference of medians \+174000 ms/,
    );
    // The same sentence as no-difference's: one iteration a side has no spread to measure.
    assert.match(
      r.out,
      /\+174,?000 ms; with 1 a side no change could be seen: p ≤ 0\.05 needs 4 baseline and 4 treatment iterations\n/,
    );
    assert.match(r.out, /\| wall-clock \(ms\) \| 631,000 \(n=1\) \| 805,000 \(n=1\) \|/);

    // The comparison's tables go through the one Markdown formatter: numbers right-aligned.
    assert.ok(
      r.out.includes(
        '| Metric | Baseline | Treatment | Δ | Δ% | CI | verdict |\n' +
          '| :--- | ---: | ---: | ---: | ---: | :--- | :--- |\n',
      ),
      r.out,
    );
  });

  it('failed-correctness: a FAIL in the faster treatment decides, whatever the speed; exit 1', async () => {
    const t = walls([90_000, 91_000, 92_000, 93_000, 94_000]);
    t[2].log = ['PASS balances match', 'FAIL bob missing 2 tokens'];
    const { code, j } = await compareJson(base5, side(t));
    assert.equal(j.verdict, 'failed-correctness');
    assert.equal(code, 1);
    assert.deepEqual(j.correctness.newFailures, ['run-3: FAIL bob missing 2 tokens']);
    // The speed is still reported: every treatment iteration is faster.
    assert.equal(metric(j, 'wall-clock').verdict, 'better');
  });

  it('a FAIL the baseline already has (other numbers) is not new; a new bad exit is', async () => {
    const b = walls([100_000, 101_000, 102_000, 103_000, 104_000]);
    b[0].log = ['FAIL bob missing 3 tokens'];
    const t = walls([100_500, 101_500, 102_500, 103_500, 104_500]);
    t[1].log = ['FAIL bob missing 7 tokens'];
    const same = await compareJson(side(b), side(t));
    assert.equal(same.j.correctness.verdict, 'ok');
    assert.equal(same.j.verdict, 'no-difference');
    t[4].exitCode = 1;
    const bad = await compareJson(side(b), side(t));
    assert.equal(bad.j.verdict, 'failed-correctness');
    assert.deepEqual(bad.j.correctness.newBadExits, ['run-5: exit code 1']);
  });

  it('a FAIL in 5/5 treatment iterations against 1/5 baseline is failed-correctness, even with gates', async () => {
    // The baseline fails it once, so it is not new; but the treatment fails it every time.
    // One-sided Fisher exact test, by hand: 6 failing iterations of 10, the treatment's 5 drawn;
    // P(all 5 of them failing) = C(6,5)·C(4,0)/C(10,5) = 6/252 = 0.0238 ≤ 0.05 (scipy.stats.
    // fisher_exact([[5,0],[1,4]], alternative='greater') gives 0.0238 too).
    const b = walls([110_000, 111_000, 112_000, 113_000, 114_000]);
    b[2].log = ['PASS a', 'FAIL balances differ by 2'];
    const t = walls([100_000, 101_000, 102_000, 103_000, 104_000], {
      log: ['PASS a', 'FAIL balances differ by 3'],
    });
    const r = await compare(
      side(b),
      side(t),
      '--json',
      '--gate',
      'assertions:no-new-failures,wall-clock:not-worse',
    );
    const j = JSON.parse(r.out) as Json & {
      correctness: { moreFailures: string[]; shares: Array<{ p: number; decision: string }> };
    };
    assert.equal(j.verdict, 'failed-correctness');
    assert.equal(r.code, 1);
    assert.deepEqual(j.correctness.moreFailures, [
      'FAIL balances differ by 3 — 5/5 vs 1/5 iterations (one-sided Fisher exact p = 0.024)',
    ]);
    assert.ok(Math.abs(j.correctness.shares[0].p - 6 / 252) < 1e-12);
    assert.deepEqual(
      j.gate.map((g) => [g.rule, g.status]),
      [
        ['assertions:no-new-failures', 'fail'],
        ['wall-clock:not-worse', 'pass'],
      ],
    );
    const md = await compare(side(b), side(t));
    assert.match(md.out, /5\/5 vs 1\/5 iterations/);
  });

  it('2/5 against 1/5 cannot be told from chance: correctness and verdict inconclusive, exit 3', async () => {
    // By hand: 3 failing of 10, the treatment's 5 drawn; P(X ≥ 2) = [C(3,2)·C(7,3) + C(3,3)·C(7,2)]
    // / C(10,5) = (105 + 21)/252 = 0.5 (scipy agrees). More often, but not a shown failure.
    const b = walls([110_000, 111_000, 112_000, 113_000, 114_000]);
    b[0].log = ['FAIL flaky 1'];
    const t = walls([100_000, 101_000, 102_000, 103_000, 104_000]);
    t[1].log = ['FAIL flaky 2'];
    t[3].log = ['FAIL flaky 9'];
    const r = await compare(side(b), side(t), '--json', '--gate', 'assertions:no-new-failures');
    const j = JSON.parse(r.out) as Json & { correctness: { unclearFailures: string[] } };
    assert.equal(j.correctness.verdict, 'inconclusive');
    assert.deepEqual(j.correctness.unclearFailures, [
      'FAIL flaky 2 — 2/5 vs 1/5 iterations (one-sided Fisher exact p = 0.50)',
    ]);
    assert.equal(j.verdict, 'inconclusive');
    assert.equal(j.gate[0].status, 'inconclusive');
    assert.equal(r.code, 3);
    // The same share on both sides is no worse: 1/5 against 1/5 is ok.
    const even = await compareJson(
      side(b),
      side(
        walls([100_000, 101_000, 102_000, 103_000, 104_000]).map((it, i) =>
          i === 4 ? { ...it, log: ['FAIL flaky 4'] } : it,
        ),
      ),
    );
    assert.equal(even.j.correctness.verdict, 'ok');
    assert.equal(even.j.verdict, 'better');
  });

  it('bad exits are counted per side: 5/5 against 1/5 is failed-correctness', async () => {
    const b = walls([100_000, 101_000, 102_000, 103_000, 104_000]);
    b[0].exitCode = 1;
    const t = walls([100_500, 101_500, 102_500, 103_500, 104_500], { exitCode: 1 });
    const { code, j } = await compareJson(side(b), side(t));
    assert.equal(j.verdict, 'failed-correctness');
    assert.equal(code, 1);
    assert.deepEqual(j.correctness.newBadExits, []);
    assert.match(
      j.reason,
      /bad exit — 5\/5 vs 1\/5 iterations \(one-sided Fisher exact p = 0\.024\)/,
    );
  });

  it('a --duration stop answered cleanly (exit 130, run.json completed) is no bad exit', async () => {
    // cpu-prof Node targets exit 130 on the one SIGINT that --duration sends; the runner records
    // that as `completed`. Only run-3's `failed` is a new bad exit.
    const b = walls([100_000, 101_000, 102_000, 103_000, 104_000], {
      exitCode: 130,
      status: 'completed',
    });
    const t = walls([100_500, 101_500, 102_500, 103_500, 104_500], {
      exitCode: 130,
      status: 'completed',
    });
    const ok = await compareJson(side(b), side(t));
    assert.equal(ok.j.correctness.verdict, 'ok');
    t[2].status = 'failed';
    const bad = await compareJson(side(b), side(t));
    assert.equal(bad.j.verdict, 'failed-correctness');
    assert.deepEqual(bad.j.correctness.newBadExits, ['run-3: exit code 130']);
  });

  it('a noisy window is flagged and said; --exclude-noisy leaves that iteration out', async () => {
    const t = walls([101_500, 102_500, 103_500, 104_500, 150_000]);
    // Iteration 5 ran beside a parallel build: 1.5 of 2 cores used by others (> 0.5 × 2).
    t[4].otherCores = [0.1, 1.5, 1.4];
    t[0].otherCores = [0.1, 0.2, 0.3]; // quiet: never above 1 core
    const kept = await compareJson(base5, side(t));
    assert.deepEqual(kept.j.noise.flagged, { baseline: [], treatment: ['run-5'] });
    assert.equal(metric(kept.j, 'wall-clock').treatment.n, 5);
    assert.match(kept.j.warnings[0], /treatment\/run-5.*--exclude-noisy/);
    const r = await compare(base5, side(t), '--exclude-noisy');
    assert.match(r.out, /left out of the statistics/);
    const ex = await compareJson(base5, side(t), '--exclude-noisy');
    assert.equal(metric(ex.j, 'wall-clock').treatment.n, 4);
    assert.equal(ex.j.iterations.treatment, 4);
  });

  it('--exclude-noisy that leaves a side empty says so: all 5 treatment iterations excluded, exit 2', async () => {
    // Every treatment iteration ran beside a parallel build (1.5 of 2 cores used by others).
    const t = walls([101_500, 102_500, 103_500, 104_500, 105_500], { otherCores: [1.5] });
    const r = await compare(base5, side(t), '--exclude-noisy');
    assert.equal(r.code, 2);
    assert.equal(
      r.err,
      'perflens compare: all 5 treatment iteration(s) were excluded as noisy (run-1, run-2, ' +
        'run-3, run-4, run-5): other processes loaded the machine while each ran, so nothing is ' +
        'left to compare (run again on a quieter machine, or compare without --exclude-noisy)\n',
    );
    const j = await compareJson(
      base5,
      side(t),
      '--exclude-noisy',
      '--gate',
      'wall-clock:not-worse',
    );
    assert.equal(j.j.verdict, 'inconclusive');
    assert.match(j.j.reason, /^all 5 treatment iteration\(s\) were excluded as noisy/);
  });

  it('a --gate metric measured on neither side is a usage error naming close ids, exit 2', async () => {
    const mk = (): Iteration[] =>
      walls([100_000, 101_000, 102_000, 103_000, 104_000], {
        counters: { 'orbitdb.putEntry': { count: 400, totalMs: 1000 } },
      });
    // 'wallclock' is one edit from 'wall-clock'; 'counter:putEntry:total' names the counter's
    // last part, found inside 'counter:orbitdb.putEntry:total'.
    const r = await compare(
      side(mk()),
      side(mk()),
      '--gate',
      'wallclock:not-worse,counter:putEntry:total:not-worse',
    );
    assert.equal(r.code, 2);
    // Then the usage line, as for every usage error.
    assert.equal(
      r.err.split('\nUsage: ')[0],
      "perflens compare: --gate: no metric 'wallclock' was measured on either side; did you " +
        "mean 'wall-clock'?\n--gate: no metric 'counter:putEntry:total' was measured on either " +
        "side; did you mean 'counter:orbitdb.putEntry:total'?",
    );
  });

  it('secondary metrics are one Benjamini-Hochberg family: one separated counter of 20 is not flagged', async () => {
    // 20 timer counters; only c00's total is fully separated (p = 2/252); the others are equal
    // on both sides (p = 1).
    const mk = (shift: number): Iteration[] =>
      [0, 1, 2, 3, 4].map((i) => ({
        wallMs: 100_000 + i * 1000,
        counters: Object.fromEntries(
          Array.from({ length: 20 }, (_, k) => [
            `c${String(k).padStart(2, '0')}`,
            { count: 100, totalMs: k === 0 ? 500 + i + shift : 500 },
          ]),
        ),
      }));
    const { j } = await compareJson(side(mk(0)), side(mk(100)));
    const c = metric(j, 'counter:c00:total');
    assert.ok(Math.abs(c.p - 2 / 252) < 1e-12);
    // Family: 20 counters × (total, count, rate) = 60 secondary tests; c00:total has the
    // smallest p, so q = 2/252 × 60 / 1 ≈ 0.476 > 0.05 → not a discovery → same.
    assert.ok(Math.abs((c.q ?? 0) - ((2 / 252) * 60) / 1) < 1e-9, `q = ${c.q}`);
    assert.equal(c.verdict, 'same');
    // The same counter named by a gate is a primary metric, tested alone at alpha: worse (+20 %).
    const g = await compareJson(
      side(mk(0)),
      side(mk(100)),
      '--gate',
      'counter:c00:total:not-worse',
    );
    assert.equal(metric(g.j, 'counter:c00:total').verdict, 'worse');
    assert.equal(g.j.gate[0].status, 'fail');
    assert.equal(g.code, 1);
  });

  it('gate: not-worse-than=X% raises the threshold for that metric; assertions:no-new-failures', async () => {
    const mk = (putMs: number): Iteration[] =>
      [0, 1, 2, 3, 4].map((i) => ({
        wallMs: 100_000 + i * 1000,
        counters: { 'orbitdb.putEntry': { count: 400, totalMs: putMs + i } },
      }));
    // putEntry total 1000…1004 ms v 1040…1044 ms: +40 ms on a median of 1002 = +3.99 %.
    const within = await compareJson(
      side(mk(1000)),
      side(mk(1040)),
      '--gate',
      'counter:orbitdb.putEntry:total:not-worse-than=5%,assertions:no-new-failures',
    );
    assert.deepEqual(
      within.j.gate.map((g) => g.status),
      ['pass', 'pass'],
    );
    assert.equal(within.code, 0);
    const beyond = await compareJson(
      side(mk(1000)),
      side(mk(1040)),
      '--gate',
      'counter:orbitdb.putEntry:total:not-worse-than=3%',
    );
    assert.equal(beyond.j.gate[0].status, 'fail');
    assert.equal(beyond.code, 1);
  });

  it('latency percentiles come from the raw samples; gate latency:ack_ms:p99:not-worse', async () => {
    // Baseline: 1…100 ms. numpy 'linear': p50 = s[49] + 0.5 (s[50] − s[49]) = 50.5;
    // p99 = s[98] + 0.01 (s[99] − s[98]) = 99.01. Treatment: the top value 100 → 300 in each
    // iteration moves p99 to 99 + 0.01 × 201 = 101.01 and leaves p50 at 50.5.
    const ramp = Array.from({ length: 100 }, (_, k) => k + 1);
    const b = [0, 1, 2, 3, 4].map((i) => ({ wallMs: 100_000 + i, latency: { ack_ms: ramp } }));
    const t = [0, 1, 2, 3, 4].map((i) => ({
      wallMs: 100_000 + i,
      latency: { ack_ms: [...ramp.slice(0, 99), 300 + i] },
    }));
    const { code, j } = await compareJson(
      side(b),
      side(t),
      '--gate',
      'latency:ack_ms:p99:not-worse',
    );
    assert.equal(metric(j, 'latency:ack_ms:p50').baseline.median, 50.5);
    assert.equal(metric(j, 'latency:ack_ms:p99').baseline.median, 99.01);
    // Treatment p99 per iteration: 99 + 0.01 × (300 + i − 99) = 101.01 + 0.01 i → median 101.03.
    assert.ok(Math.abs(metric(j, 'latency:ack_ms:p99').treatment.median - 101.03) < 1e-9);
    assert.equal(j.verdict, 'worse');
    assert.equal(code, 1);
  });

  it('unusable input and bad arguments exit 2 with a message that names the path', async () => {
    const empty = path.join(root, 'empty');
    fs.mkdirSync(empty, { recursive: true });
    const r = await compare(base5, empty);
    assert.equal(r.code, 2);
    assert.match(r.err, /treatment .*empty: no run found/);
    assert.equal((await compare(base5)).code, 2);
    const g = await compare(base5, base5, '--gate', 'wall-clock:faster');
    assert.equal(g.code, 2);
    assert.match(g.err, /'faster' is not a rule/);
    assert.equal((await compare(base5, base5, '--alpha', '2')).code, 2);
  });
});
