/**
 * How often the A/B verdict is wrong: the rate at which A against A claims anything (the users'
 * rule: at most 5 %), and how often a planted 10 % slowdown of wall-clock is found.
 *
 *   node --import tsx bench/ab-rates.ts [--pool DIR]… [--cv 0.05] [--sims 2000] [--n 5,10]
 *                                       [--secondaries 20] [--slowdown 0.10] [--seed 1]
 *                                       [--family-alpha auto,0.05,j0.05] [--no-functions]
 *   node --import tsx bench/ab-rates.ts --validate [--sims 20000]
 *
 * Every simulated comparison goes through `compareSides` exactly as `perflens compare` does
 * (wall-clock primary at alpha 0.05, the rest one Benjamini-Hochberg family at each
 * `--family-alpha` — `auto`: `--strict-family`, what wall-clock's exact test leaves unused of
 * alpha; `j0.05`: adjusted together with wall-clock's p —, 2 % practical threshold). A claim is any verdict other than no-difference,
 * or any secondary metric flagged better/worse/changed. Two ways of drawing iterations:
 *
 * - lognormal: wall-clock lognormal around 1, with the robust log-spread of the real wall-clocks
 *   in the `--pool` folders (1.4826 × MAD of ln values, each pool centred on its own median),
 *   else `--cv`; `--secondaries` counters with the same spread, drawn independently of wall-clock
 *   and of each other — which real counters are not.
 * - resampled (with `--pool`): whole real iterations, every metric of one iteration together,
 *   so the secondaries keep their real correlation with wall-clock and with each other. The
 *   pools must be runs of one command (an A/A run of `perflens ab`). When the pools hold at least
 *   2n iterations each comparison draws 2n distinct ones and splits them at random — an exact A/A
 *   — else it draws with replacement (the repeats become ties). The planted slowdown multiplies
 *   the treatment's wall-clock only.
 *
 * Reference in the same run: the same draws judged by the raw rank test at alpha on every metric,
 * with no family correction and no threshold — what a naive per-metric test would claim.
 *
 * `--validate`: the smallest detectable change (engine/compare/detectable.ts) against a
 * simulation of the exact rank test on normal noise shifted by exactly that much — the detection
 * rate should come out near the 80 % the formula is computed for — beside the plain normal-
 * quantile formula at alpha itself, which the corrections replace.
 */
import { compareSides, loadSide, type IterationMetrics, type MetricValue } from '../engine/compare';
import { shiftFactor } from '../engine/compare/detectable';
import { normalQuantile } from '../engine/compare/normal';
import { mannWhitneyU } from '../engine/compare/rankTest';
import { mulberry32 } from './seededRandom';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

function list(name: string, fallback: number[]): number[] {
  const i = process.argv.indexOf(name);
  return i >= 0
    ? process.argv[i + 1]
        .split(',')
        .map((x) => (x === 'auto' ? NaN : x.startsWith('j') ? -Number(x.slice(1)) : +x))
    : fallback;
}

const seed = arg('--seed', 1);
const uniform = mulberry32(seed);
/** Box-Muller on the seeded sequence, so a rerun gives the same rates. */
const normal = (): number =>
  Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const k = s.length;
  return k % 2 ? s[(k - 1) / 2] : (s[k / 2 - 1] + s[k / 2]) / 2;
}

const pct = (x: number, of: number): string => `${((100 * x) / of).toFixed(1)} %`;

function syntheticIteration(label: string, wallMs: number, counters: number[]): IterationMetrics {
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

/** A real iteration with its wall-clock multiplied by `factor` (every other metric kept). */
function slowed(it: IterationMetrics, factor: number): IterationMetrics {
  if (factor === 1) return it;
  const metrics = new Map(it.metrics);
  const w = metrics.get('wall-clock');
  if (w) metrics.set('wall-clock', { ...w, value: w.value * factor });
  return { ...it, metrics };
}

interface Tally {
  claimed: number;
  primary: number;
  secondaryOnly: number;
  worse: number;
  naive: number;
}

/** Judge one simulated comparison at each family level; the naive reference once. */
function judge(
  b: IterationMetrics[],
  t: IterationMetrics[],
  levels: readonly number[],
  tallies: Tally[],
): void {
  let naive = false;
  levels.forEach((level, i) => {
    // A negative level stands for the joint rule: the family adjusted together with wall-clock.
    const c = compareSides(b, t, {
      familyAlpha: Number.isNaN(level) ? undefined : Math.abs(level),
      strictFamily: Number.isNaN(level),
      familyWithPrimary: level < 0,
      topFunctions: 40,
    });
    // The reference: each metric that enters the comparison at its raw p ≤ 0.05, nothing else
    // (p does not depend on the family's level).
    if (i === 0) naive = [...c.metrics, ...c.functions].some((m) => m.p !== null && m.p <= 0.05);
    const primary = c.verdict !== 'no-difference';
    const secondary = [...c.metrics, ...c.functions].some(
      (m) => !m.primary && m.verdict !== 'same' && m.verdict !== 'inconclusive',
    );
    if (primary || secondary) tallies[i].claimed++;
    if (primary) tallies[i].primary++;
    if (secondary && !primary) tallies[i].secondaryOnly++;
    if (c.verdict === 'worse') tallies[i].worse++;
  });
  if (naive) for (const x of tallies) x.naive++;
}

async function loadPools(
  pools: string[],
  functions: boolean,
): Promise<{ iterations: IterationMetrics[]; sigma: number; basis: string }> {
  const iterations: IterationMetrics[] = [];
  const logs: number[] = [];
  for (const pool of pools) {
    const side = await loadSide(pool, { functions });
    const its = side.iterations.filter((i) => i.metrics.has('wall-clock'));
    if (its.length < 3)
      throw new Error(`${pool}: need at least 3 iterations with a wall-clock, found ${its.length}`);
    // Each pool centred on its own median: only the spread is used.
    const ln = its.map((i) => Math.log(i.metrics.get('wall-clock')!.value));
    const m = median(ln);
    logs.push(...ln.map((x) => x - m));
    iterations.push(...its);
  }
  const walls = iterations.map((i) => i.metrics.get('wall-clock')!.value / 1000);
  return {
    iterations,
    sigma: 1.4826 * median(logs.map(Math.abs)),
    basis:
      `${iterations.length} real iterations in ${pools.join(', ')}: wall-clock ` +
      `${Math.min(...walls).toFixed(2)}–${Math.max(...walls).toFixed(2)} s`,
  };
}

async function rates(): Promise<void> {
  const sims = arg('--sims', 2000);
  const sizes = list('--n', [5]);
  // `auto` (NaN): --strict-family; `j0.05`: the family adjusted together with
  // wall-clock's p (kept as a negative level).
  const levels = list('--family-alpha', [NaN, 0.05]);
  const secondaries = arg('--secondaries', 20);
  const slowdown = arg('--slowdown', 0.1);
  const pools = process.argv.flatMap((a, i) => (a === '--pool' ? [process.argv[i + 1]] : []));
  const real = pools.length
    ? await loadPools(pools, !process.argv.includes('--no-functions'))
    : undefined;
  const sigma = real?.sigma ?? Math.log(1 + arg('--cv', 0.05));
  const draw = (): number => Math.exp(sigma * normal());
  process.stdout.write(
    `noise: sigma of ln(wall) = ${sigma.toFixed(4)} from ${real?.basis ?? `--cv ${arg('--cv', 0.05)}`}\n` +
      `${sims} simulated comparisons per row, seed ${seed}, alpha 0.05 (primary: wall-clock), ` +
      `threshold 2 %; lognormal rows: ${secondaries} independent secondaries; resampled rows: ` +
      `every metric of the real iterations (functions: the top 40 by CPU)\n\n` +
      '| draws | n a side | family level | A/A: any claim | A/A: wall-clock | A/A: secondaries ' +
      `only | A/A naive per-metric tests | planted +${slowdown * 100} %: worse |\n` +
      '|---|---|---|---|---|---|---|---|\n',
  );
  const models: { name: string; draw: (n: number, f: number) => IterationMetrics[][] }[] = [
    {
      name: 'lognormal, independent',
      draw: (n, f) =>
        [1, f].map((factor, s) =>
          Array.from({ length: n }, (_, i) =>
            syntheticIteration(
              `${s}-${i}`,
              100_000 * factor * draw(),
              Array.from({ length: secondaries }, () => 1000 * draw()),
            ),
          ),
        ),
    },
  ];
  if (real) {
    const pool = real.iterations;
    models.push({
      name: 'resampled real iterations',
      draw: (n, f) => {
        let picked: IterationMetrics[];
        if (2 * n <= pool.length) {
          // 2n distinct iterations in random order (a partial Fisher-Yates shuffle).
          const idx = pool.map((_, i) => i);
          for (let i = 0; i < 2 * n; i++) {
            const j = i + Math.floor(uniform() * (idx.length - i));
            [idx[i], idx[j]] = [idx[j], idx[i]];
          }
          picked = idx.slice(0, 2 * n).map((i) => pool[i]);
        } else
          picked = Array.from({ length: 2 * n }, () => pool[Math.floor(uniform() * pool.length)]);
        return [picked.slice(0, n), picked.slice(n).map((it) => slowed(it, f))];
      },
    });
  }
  for (const model of models)
    for (const n of sizes) {
      const aa = levels.map(() => ({
        claimed: 0,
        primary: 0,
        secondaryOnly: 0,
        worse: 0,
        naive: 0,
      }));
      const planted = levels.map(() => ({ ...aa[0] }));
      for (let k = 0; k < sims; k++) {
        const [b, t] = model.draw(n, 1);
        judge(b, t, levels, aa);
        const [pb, pt] = model.draw(n, 1 + slowdown);
        judge(pb, pt, levels, planted);
      }
      const replaced =
        model.name.startsWith('resampled') && 2 * n > (real?.iterations.length ?? 0)
          ? ' (with replacement)'
          : '';
      levels.forEach((level, i) =>
        process.stdout.write(
          `| ${model.name}${replaced} | ${n} | ${Number.isNaN(level) ? 'strict (alpha − α′)' : level < 0 ? `${-level} with wall-clock` : level} | ${pct(aa[i].claimed, sims)} | ` +
            `${pct(aa[i].primary, sims)} | ${pct(aa[i].secondaryOnly, sims)} | ` +
            `${pct(aa[i].naive, sims)} | ${pct(planted[i].worse, sims)} |\n`,
        ),
      );
    }
}

function validate(): void {
  const sims = arg('--sims', 20000);
  process.stdout.write(
    `Detection rate of the exact rank test (two-sided, p ≤ 0.05) on normal noise (σ = 1) ` +
      `shifted by the computed smallest detectable change, ${sims} seeded comparisons a row.\n` +
      'Target: 80 %. Reference: the plain formula (normal quantiles at alpha itself).\n\n' +
      '| m | n | δ/σ (PerfLens) | detected | δ/σ (plain) | detected |\n|---|---|---|---|---|---|\n',
  );
  const rate = (m: number, n: number, shift: number): number => {
    let hits = 0;
    for (let k = 0; k < sims; k++) {
      const x = Array.from({ length: m }, normal);
      const y = Array.from({ length: n }, () => normal() + shift);
      if (mannWhitneyU(x, y).p <= 0.05) hits++;
    }
    return hits;
  };
  const z = normalQuantile(0.975) + normalQuantile(0.8);
  for (const [m, n] of [
    [4, 4],
    [5, 5],
    [6, 6],
    [8, 8],
    [10, 10],
    [12, 12],
    [20, 20],
    [30, 30],
    [5, 10],
  ]) {
    const ours = shiftFactor(m, n, 0.05, 0.8)!;
    const plain = z * Math.sqrt(1 / m + 1 / n) * Math.sqrt(Math.PI / 3);
    process.stdout.write(
      `| ${m} | ${n} | ${ours.toFixed(3)} | ${pct(rate(m, n, ours), sims)} | ` +
        `${plain.toFixed(3)} | ${pct(rate(m, n, plain), sims)} |\n`,
    );
  }
}

(process.argv.includes('--validate') ? Promise.resolve(validate()) : rates()).catch(
  (e: unknown) => {
    process.stderr.write(`${(e as Error).message}\n`);
    process.exitCode = 1;
  },
);
