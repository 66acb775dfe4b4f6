/**
 * The smallest change a comparison could have seen: so that "no difference" with 5 iterations a
 * side is not read as "the same".
 *
 * Spread: σ = 1.4826 × MAD of the values around their own side's median, both sides' deviations
 * pooled (robust to one noisy iteration; each side centred on itself so a real shift does not
 * count as noise). On ln values when every value is positive (a relative spread, what timings
 * have); otherwise on the raw values divided by |baseline median|.
 *
 * Smallest detectable shift at the given power, the textbook two-sample formula with the rank
 * test's asymptotic efficiency under normality (3/π, hence the factor √(π/3)):
 *
 *   δ = (q(1 − α′/2) + q(power)) · σ · √(1/m + 1/n) · √(π/3)
 *
 * with two small-sample corrections, both of which vanish as the samples grow: q is Student's t
 * quantile with m + n − 2 degrees of freedom rather than the normal one, and α′ is the largest
 * p-value the exact rank test can actually reach at or below α (5 a side: 0.032, not 0.05).
 * With the plain normal formula a seeded simulation of the exact test on normal data detects the
 * shift at 5 a side only 59 % of the time instead of 80 %; with both corrections 75–80 % from 4 a
 * side to 30 (`bench/ab-rates.ts --validate`, and a unit test).
 */
import { normalQuantile } from './normal';
import { EXACT_LIMIT } from './rankTest';
import { studentTQuantile } from './studentT';
import { uDistribution } from './uDistribution';

/** The detection probability the smallest detectable change is computed for. */
export const DETECT_POWER = 0.8;
/** The change the verdict line says how many iterations would see (as a fraction). */
export const REFERENCE_CHANGE = 0.1;
/** Past this many iterations a side the normal formula is used as it is (exact enough there). */
const SCAN_LIMIT = 1000;

export type SpreadScale = 'log' | 'relative';

export interface Spread {
  /** σ of ln values (`log`) or of values ÷ |baseline median| (`relative`). */
  readonly sigma: number;
  readonly scale: SpreadScale;
}

export interface IterationsFor {
  /** The change, in % (10 or the practical threshold). */
  readonly pct: number;
  /** Iterations a side that would see it at `power`. */
  readonly perSide: number;
}

export interface Detectable {
  /** Smallest change (as a slowdown, % of the baseline) seen with probability `power`; null: none. */
  readonly pct: number | null;
  readonly power: number;
  /** The level the metric is tested at (α for a primary; α/k for one of k in the family). */
  readonly alpha: number;
  /** Pooled robust spread in %, as σ × 100; null when it cannot be measured. */
  readonly noisePct: number | null;
  readonly scale: SpreadScale | null;
  /** Why `pct` is null. */
  readonly why?: string;
  /** Iterations a side needed to see a 10 % change and one at the practical threshold. */
  readonly needed: IterationsFor[];
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const k = s.length;
  return k % 2 ? s[(k - 1) / 2] : (s[k / 2 - 1] + s[k / 2]) / 2;
};

/** Pooled robust spread of two sides; null when a side is empty or the scale is undefined. */
export function pooledSpread(b: readonly number[], t: readonly number[]): Spread | null {
  if (b.length === 0 || t.length === 0) return null;
  const all = [...b, ...t];
  const log = all.every((x) => x > 0 && Number.isFinite(x));
  const scale: SpreadScale = log ? 'log' : 'relative';
  const base = Math.abs(median(b));
  if (!log && !(base > 0)) return null;
  const f = log ? Math.log : (x: number): number => x / base;
  const deviations = (xs: readonly number[]): number[] => {
    const v = xs.map(f);
    const m = median(v);
    return v.map((x) => Math.abs(x - m));
  };
  return { sigma: 1.4826 * median([...deviations(b), ...deviations(t)]), scale };
}

/**
 * The largest two-sided p-value at or below alpha that the exact rank test reaches with m and n
 * values (0 when it cannot reach alpha at all); alpha itself past the exact test's sizes.
 */
export function attainableAlpha(m: number, n: number, alpha: number): number {
  if (m === 0 || n === 0) return 0;
  if (m > EXACT_LIMIT || n > EXACT_LIMIT) return alpha;
  const cdf = uDistribution(m, n).cdf;
  let best = 0;
  // Two-sided p at U = u (below the centre) is 2·P(U ≤ u), increasing in u.
  for (let u = 0; u < cdf.length && 2 * cdf[u] <= alpha * (1 + 1e-12); u++) best = 2 * cdf[u];
  return best;
}

/** δ/σ for m and n values: the factor of the formula above; null when alpha is out of reach. */
export function shiftFactor(m: number, n: number, alpha: number, power: number): number | null {
  return factorAt(m, n, attainableAlpha(m, n, alpha), power);
}

function factorAt(m: number, n: number, level: number, power: number): number | null {
  if (level <= 0) return null;
  const nu = m + n - 2;
  const q = nu >= 1 ? studentTQuantile(1 - level / 2, nu) + studentTQuantile(power, nu) : Infinity;
  return q * Math.sqrt(1 / m + 1 / n) * Math.sqrt(Math.PI / 3);
}

/**
 * From this many a side the scan for iterations needed takes alpha as the reachable level (at
 * 20 a side and 0.05 the exact test reaches 0.049): the exact distribution's cost grows as k⁴.
 */
const EXACT_SCAN = 20;
const factorCache = new Map<string, (number | null)[]>();

/** shiftFactor(k, k) for k = 0 …, filled lazily as a scan asks, kept per (alpha, power). */
function equalSideFactors(alpha: number, power: number): (k: number) => number | null {
  const key = `${alpha},${power}`;
  let f = factorCache.get(key);
  if (!f) factorCache.set(key, (f = []));
  const cache = f;
  return (k) => {
    if (cache[k] === undefined)
      cache[k] = k <= EXACT_SCAN ? shiftFactor(k, k, alpha, power) : factorAt(k, k, alpha, power);
    return cache[k];
  };
}

/** Shift (in σ's scale) that a change of `pct` % is: ln(1 + pct/100), or pct/100. */
const shiftOf = (pct: number, scale: SpreadScale): number =>
  scale === 'log' ? Math.log(1 + pct / 100) : pct / 100;

/** Iterations a side needed to see a change of `pct` % with probability `power`. */
export function iterationsPerSide(
  spread: Spread,
  pct: number,
  alpha: number,
  power: number,
): number {
  const target = shiftOf(pct, spread.scale);
  const factor = equalSideFactors(alpha, power);
  const enough = (k: number): boolean => {
    const f = factor(k);
    return f !== null && f * spread.sigma <= target;
  };
  // Up to EXACT_SCAN the reachable level jumps with k, so each k is tried; past it the factor
  // only falls as k grows, so the first k that is enough is found by bisection.
  for (let k = 2; k <= EXACT_SCAN; k++) if (enough(k)) return k;
  if (enough(SCAN_LIMIT)) {
    let lo = EXACT_SCAN; // not enough
    let hi = SCAN_LIMIT; // enough
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (enough(mid)) hi = mid;
      else lo = mid;
    }
    return hi;
  }
  // Past the scan the normal formula: k = 2 · (π/3) · ((z(1−α/2) + z(power)) · σ / shift)².
  const z = normalQuantile(1 - alpha / 2) + normalQuantile(power);
  return Math.ceil(2 * (Math.PI / 3) * ((z * spread.sigma) / target) ** 2);
}

/**
 * The smallest change the comparison of `b` against `t` could have seen at `alpha` with
 * probability `power`, and the iterations a side that would see 10 % and the practical threshold.
 */
export function detectableChange(
  b: readonly number[],
  t: readonly number[],
  opts: { readonly alpha: number; readonly threshold: number; readonly power?: number },
): Detectable {
  const power = opts.power ?? DETECT_POWER;
  const { alpha } = opts;
  const spread = pooledSpread(b, t);
  const noisePct = spread ? spread.sigma * 100 : null;
  const targets = [...new Set([REFERENCE_CHANGE * 100, opts.threshold * 100].filter((p) => p > 0))];
  const needed =
    spread && spread.sigma > 0
      ? targets.map((pct) => ({ pct, perSide: iterationsPerSide(spread, pct, alpha, power) }))
      : [];
  const base = { power, alpha, noisePct, scale: spread?.scale ?? null, needed };
  const factor = shiftFactor(b.length, t.length, alpha, power);
  if (factor === null)
    return {
      ...base,
      pct: null,
      why: `${b.length} vs ${t.length} iterations cannot reach p ≤ ${+alpha.toPrecision(3)}`,
    };
  if (!spread) return { ...base, pct: null, why: 'no scale: the baseline median is 0' };
  const shift = factor * spread.sigma;
  const pct = spread.scale === 'log' ? (Math.exp(shift) - 1) * 100 : shift * 100;
  return { ...base, pct };
}
