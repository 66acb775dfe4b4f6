/**
 * One-sided Fisher exact test of two failure shares: is the treatment's share of failing
 * iterations higher than the baseline's by more than chance?
 *
 * Written by hand: no statistics package is among the dependencies, and the test is one sum of
 * hypergeometric terms. With the failing iterations of both sides fixed (K of N), the number of
 * them that land in the treatment's n iterations is hypergeometric under "no difference"; p is
 * P(X ≥ the treatment's count) — scipy.stats.fisher_exact(…, alternative='greater'). Terms are
 * computed through log-binomials so large counts do not overflow.
 */

const logChoose = (n: number, k: number): number => {
  let s = 0;
  for (let i = 1; i <= k; i++) s += Math.log((n - k + i) / i);
  return s;
};

/**
 * p of "the treatment fails more often": `tFail` of `tN` treatment iterations failing against
 * `bFail` of `bN` baseline ones.
 */
export function fisherGreater(tFail: number, tN: number, bFail: number, bN: number): number {
  const total = tN + bN;
  const failing = tFail + bFail;
  const denominator = logChoose(total, tN);
  let p = 0;
  for (let x = tFail; x <= Math.min(failing, tN); x++)
    p += Math.exp(logChoose(failing, x) + logChoose(total - failing, tN - x) - denominator);
  return Math.min(1, p);
}
