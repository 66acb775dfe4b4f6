/**
 * Mann-Whitney U test (Wilcoxon rank-sum), two-sided, the way benchstat does it (go-moremath
 * `stats/utest.go`): the exact null distribution when no tie crosses the two samples and both
 * are small (≤ 50), otherwise the normal approximation with tie correction and continuity
 * correction.
 *
 * One departure from benchstat: ties that stay inside one sample (two baseline iterations that
 * both took 812 ms at the clock's resolution) keep the exact distribution. Every way of breaking
 * such a tie gives the same U, so U is what the untied, finer-grained measurement would have
 * given, and its exact distribution applies. A tie across the samples changes U with the way it
 * is broken, and only then does the test fall back to the tie-corrected approximation. No npm
 * package does this right (rank sums only, or U compared to a z-score with no exact small-sample
 * distribution), hence written here.
 *
 * U counts, over all pairs (x from the first sample, y from the second), those with x < y, plus
 * one half for each tie — so U/(m·n) estimates P(X < Y).
 */
import { normalUpperTail } from './normal';
import { uCdf, uDistribution } from './uDistribution';

/** Largest sample size per side for which the exact distribution is used (as go-moremath). */
export const EXACT_LIMIT = 50;

export interface RankTestResult {
  readonly m: number;
  readonly n: number;
  /** U of the first sample (pairs x < y, ties counted ½). */
  readonly u: number;
  /** Two-sided p-value. */
  readonly p: number;
  readonly method: 'exact' | 'normal';
  /** Whether any value occurs more than once in the pooled samples. */
  readonly ties: boolean;
  /** Whether some value occurs in both samples (the only ties that leave the exact test). */
  readonly crossTies: boolean;
}

/** Mid-ranks (1-based, ties share the mean of their ranks) and the sizes of the tie groups. */
export function midRanks(values: readonly number[]): { ranks: Float64Array; tieSizes: number[] } {
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
  const ranks = new Float64Array(values.length);
  const tieSizes: number[] = [];
  for (let i = 0; i < order.length;) {
    let j = i + 1;
    while (j < order.length && order[j][0] === order[i][0]) j++;
    const rank = (i + 1 + j) / 2; // mean of ranks i+1 … j
    for (let k = i; k < j; k++) ranks[order[k][1]] = rank;
    tieSizes.push(j - i);
    i = j;
  }
  return { ranks, tieSizes };
}

/** Two-sided Mann-Whitney U test of x against y. Both samples must be non-empty. */
export function mannWhitneyU(x: readonly number[], y: readonly number[]): RankTestResult {
  const m = x.length;
  const n = y.length;
  if (m === 0 || n === 0) throw new RangeError('mannWhitneyU needs at least one value a side');
  const { ranks, tieSizes } = midRanks([...x, ...y]);
  let rankSumY = 0;
  for (let i = m; i < m + n; i++) rankSumY += ranks[i];
  // U of x = pairs with x < y (+½ ties) = R_y − n(n+1)/2.
  const u = rankSumY - (n * (n + 1)) / 2;
  const ties = tieSizes.some((t) => t > 1);
  const crossTies = ties && sharesAValue(x, y);
  const mean = (m * n) / 2;
  if (tieSizes.length === 1)
    return { m, n, u, p: 1, method: crossTies ? 'normal' : 'exact', ties, crossTies }; // all equal
  if (!crossTies && m <= EXACT_LIMIT && n <= EXACT_LIMIT) {
    const d = uDistribution(m, n);
    // Symmetric distribution: the two-sided p is twice the smaller tail at U.
    const lower = uCdf(d, u);
    const upper = 1 - uCdf(d, u - 1);
    const p = Math.min(1, 2 * Math.min(lower, upper));
    return { m, n, u, p, method: 'exact', ties, crossTies };
  }
  const N = m + n;
  const tieTerm = tieSizes.reduce((s, t) => s + (t * t * t - t), 0) / (N * (N - 1));
  const sigma = Math.sqrt(((m * n) / 12) * (N + 1 - tieTerm));
  const z = (Math.abs(u - mean) - 0.5) / sigma; // continuity correction towards the mean
  const p = Math.min(1, 2 * normalUpperTail(Math.max(z, 0)));
  return { m, n, u, p, method: 'normal', ties, crossTies };
}

function sharesAValue(x: readonly number[], y: readonly number[]): boolean {
  const inX = new Set(x);
  return y.some((v) => inX.has(v));
}

/**
 * The smallest two-sided p-value the test can reach with m and n values (all of one side below
 * all of the other, no ties): 2 / C(m+n, m). With 3 a side it is 0.1, so nothing can be
 * significant at 0.05 — the reason for `inconclusive`.
 */
export function smallestP(m: number, n: number): number {
  if (m === 0 || n === 0) return 1;
  if (m > EXACT_LIMIT || n > EXACT_LIMIT) return 0;
  return Math.min(1, 2 / uDistribution(m, n).orderings);
}

/**
 * The iterations each side needs (keeping what it has, topping both up to a common minimum)
 * before the test can reach alpha at all: `[m, n]` when it already can.
 */
export function iterationsNeeded(m: number, n: number, alpha: number): [number, number] {
  for (let k = 1; k <= EXACT_LIMIT; k++)
    if (smallestP(Math.max(m, k), Math.max(n, k)) <= alpha) return [Math.max(m, k), Math.max(n, k)];
  return [Math.max(m, EXACT_LIMIT), Math.max(n, EXACT_LIMIT)];
}
