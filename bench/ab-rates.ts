/**
 * How often the A/B verdict is wrong: the false-claim rate of A against A (target ≤ 5 %) and
 * the detection rate of a planted 10 % slowdown with 5 iterations a side (target ≥ 90 %).
 *
 *   node --import tsx bench/ab-rates.ts [--pool DIR]… [--cv 0.05] [--sims 2000] [--n 5]
 *                                       [--secondaries 20] [--slowdown 0.10] [--seed 1]
 *
 * Simulation: each iteration is drawn from a noise model and compared exactly as
 * `perflens compare` does (engine/compare `compareSides`: wall-clock primary at alpha 0.05,
 * `--secondaries` counters as the Benjamini-Hochberg family, 2 % practical threshold).
 * The noise of wall-clock is lognormal around 1 with the spread measured from real iterations:
 * `--pool DIR` (a folder of run folders, e.g. what `perflens ab` wrote for one side; repeatable,
 * each centred on its own median) gives the robust log-spread of their wall-clocks
 * (1.4826 × MAD of ln values); without it `--cv`.
 * Secondary counters get the same spread, independently. A claim is any verdict other than
 * no-difference, or any secondary metric flagged better/worse/changed.
 *
 * Reference in the same run: the same draws judged by the raw rank test at alpha on every
 * metric with no family correction and no threshold — what a naive per-metric test would claim.
 */
import { compareSides, loadSide, type IterationMetrics, type MetricValue } from '../engine/compare';
import { mannWhitneyU } from '../engine/compare/rankTest';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

/** mulberry32 + Box-Muller: seeded, so a rerun gives the same rates. */
function rng(seed: number): { u: () => number; normal: () => number } {
  let a = seed >>> 0;
  const u = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = (): number => Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
  return { u, normal };
}

function iteration(label: string, wallMs: number, counters: number[]): IterationMetrics {
  const metrics = new Map<string, MetricValue>();
  metrics.set('wall-clock', {
    id: 'wall-clock',
    group: 'wall-clock',
    unit: 'ms',
    better: 'lower',
    value: wallMs,
  });
  counters.forEach((v, k) => {
    const id = `counter:c${k}:total`;
    metrics.set(id, { id, group: 'counter', unit: 'ms', better: 'lower', value: v });
  });
  return {
    dir: label,
    label,
    correctness: { pass: 1, fail: 0, failures: [], exit: 'ok' },
    metrics,
    problems: [],
  };
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const k = s.length;
  return k % 2 ? s[(k - 1) / 2] : (s[k / 2 - 1] + s[k / 2]) / 2;
}

async function main(): Promise<void> {
  const sims = arg('--sims', 2000);
  const n = arg('--n', 5);
  const secondaries = arg('--secondaries', 20);
  const slowdown = arg('--slowdown', 0.1);
  const r = rng(arg('--seed', 1));
  let sigma = Math.log(1 + arg('--cv', 0.05));
  let basis = `--cv ${arg('--cv', 0.05)}`;
  const pools = process.argv.flatMap((a, i) => (a === '--pool' ? [process.argv[i + 1]] : []));
  if (pools.length > 0) {
    // Each pool (one side of a real run) is centred on its own median: only the spread is used.
    const walls: number[] = [];
    const logs: number[] = [];
    for (const pool of pools) {
      const side = await loadSide(pool, { functions: false });
      const w = side.iterations
        .map((i) => i.metrics.get('wall-clock')?.value)
        .filter((v): v is number => v !== undefined);
      if (w.length < 3)
        throw new Error(`${pool}: need at least 3 iterations with a wall-clock, found ${w.length}`);
      const m = median(w.map(Math.log));
      walls.push(...w);
      logs.push(...w.map((x) => Math.log(x) - m));
    }
    sigma = 1.4826 * median(logs.map(Math.abs));
    basis =
      `${walls.length} real iterations in ${pools.join(', ')}: ` +
      `wall-clock ${walls.map((w) => (w / 1000).toFixed(2)).join(', ')} s`;
  }
  const draw = (): number => Math.exp(sigma * r.normal());

  const scenarios = [
    { name: 'A/A (same command)', factor: 1, target: '≤ 5 % claim a difference' },
    {
      name: `planted +${slowdown * 100} % wall-clock`,
      factor: 1 + slowdown,
      target: '≥ 90 % say worse',
    },
  ];
  process.stdout.write(
    `noise: lognormal, sigma of ln(wall) = ${sigma.toFixed(4)} (≈ ${((Math.exp(sigma) - 1) * 100).toFixed(1)} % spread) from ${basis}\n` +
      `${sims} simulated comparisons per scenario, ${n} iterations a ` +
      `side, ${secondaries} secondary counters (BH family), alpha 0.05, ` +
      `threshold 2 %\n\n`,
  );
  process.stdout.write(
    '| scenario | perflens: claimed any difference | perflens: wall-clock worse | naive ' +
      'per-metric tests: claimed any | target |\n|---|---|---|---|---|\n',
  );
  for (const s of scenarios) {
    let claimed = 0;
    let worse = 0;
    let naive = 0;
    for (let k = 0; k < sims; k++) {
      const mk = (side: string, f: number): IterationMetrics[] =>
        Array.from({ length: n }, (_, i) =>
          iteration(
            `${side}-${i}`,
            100_000 * f * draw(),
            Array.from({ length: secondaries }, () => 1000 * draw()),
          ),
        );
      const b = mk('b', 1);
      const t = mk('t', s.factor);
      const c = compareSides(b, t);
      if (c.verdict === 'worse') worse++;
      if (
        c.verdict !== 'no-difference' ||
        c.metrics.some((m) => !m.primary && m.verdict !== 'same')
      )
        claimed++;
      const ids = [...b[0].metrics.keys()];
      if (
        ids.some(
          (id) =>
            mannWhitneyU(
              b.map((i) => i.metrics.get(id)!.value),
              t.map((i) => i.metrics.get(id)!.value),
            ).p <= 0.05,
        )
      )
        naive++;
    }
    const pct = (x: number): string => `${((100 * x) / sims).toFixed(1)} % (${x}/${sims})`;
    process.stdout.write(
      `| ${s.name} | ${pct(claimed)} | ${pct(worse)} | ${pct(naive)} | ${s.target} |\n`,
    );
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${(e as Error).message}\n`);
  process.exitCode = 1;
});
