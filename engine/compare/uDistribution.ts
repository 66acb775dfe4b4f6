/**
 * The exact null distribution of the Mann-Whitney U statistic for samples of sizes m and n
 * without ties.
 *
 * Under the null every one of the C(m+n, m) orderings is equally likely, and the number of
 * orderings with U = u is the coefficient of q^u in the Gaussian binomial [m+n choose m]_q =
 * Π_{i=1..m} (1 − q^{n+i}) / (1 − q^i). Computed in BigInt so the counts stay exact (C(100, 50)
 * ≈ 1e29 is beyond a double's integers), then turned into cumulative probabilities once per
 * (m, n) and cached: the verdict code asks for the same few sizes many times.
 */

export interface UDistribution {
  readonly m: number;
  readonly n: number;
  /** cdf[u] = P(U ≤ u), u = 0 … m·n. */
  readonly cdf: Float64Array;
  /** Number of equally likely orderings, C(m+n, m). */
  readonly orderings: number;
}

const cache = new Map<string, UDistribution>();

export function uDistribution(m: number, n: number): UDistribution {
  const key = `${Math.min(m, n)},${Math.max(m, n)}`;
  const hit = cache.get(key);
  if (hit) return hit.m === m ? hit : { ...hit, m, n };
  const deg = m * n;
  const coef: bigint[] = new Array<bigint>(deg + 1).fill(0n);
  coef[0] = 1n;
  let top = 0; // highest degree that can be non-zero so far
  for (let i = 1; i <= m; i++) {
    // × (1 − q^{n+i})
    const shift = n + i;
    const newTop = top + shift;
    for (let k = Math.min(newTop, deg); k >= shift; k--) coef[k] -= coef[k - shift];
    top = Math.min(newTop, deg);
    // ÷ (1 − q^i): the quotient's coefficients are running sums with stride i.
    for (let k = i; k <= top; k++) coef[k] += coef[k - i];
  }
  let total = 0n;
  for (const c of coef) total += c;
  const cdf = new Float64Array(deg + 1);
  let run = 0n;
  for (let u = 0; u <= deg; u++) {
    run += coef[u];
    cdf[u] = Number(run) / Number(total);
  }
  const d: UDistribution = { m, n, cdf, orderings: Number(total) };
  cache.set(key, d);
  return d;
}

/** P(U ≤ u) under the null; 0 below the support, 1 above. */
export function uCdf(d: UDistribution, u: number): number {
  const k = Math.floor(u + 1e-9);
  if (k < 0) return 0;
  if (k >= d.cdf.length) return 1;
  return d.cdf[k];
}
