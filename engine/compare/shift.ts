/**
 * Hodges-Lehmann shift estimate with its distribution-free confidence interval.
 *
 * The shift is the median of all m·n differences y_j − x_i (treatment − baseline). The interval
 * is the order statistics [D_(k), D_(mn+1−k)] of those differences, with k chosen from the null
 * distribution of U so that the coverage is at least 1 − alpha (Lehmann, Nonparametrics, 1975;
 * the interval R's `wilcox.test(conf.int = TRUE)` reports in its exact case). k − 1 is the largest
 * u with P(U ≤ u) ≤ alpha/2 — exact for samples of ≤ 50 a side, from the tie-corrected normal
 * approximation above. When no such u exists the samples are too small for an interval at this
 * level and the bounds are infinite.
 */
import { normalQuantile } from './normal';
import { EXACT_LIMIT } from './rankTest';
import { uDistribution } from './uDistribution';

export interface ShiftEstimate {
  /** Median of the pairwise differences treatment − baseline. */
  readonly shift: number;
  readonly ciLow: number;
  readonly ciHigh: number;
  /** The coverage actually reached (≥ 1 − alpha when exact; nominal when approximate). */
  readonly coverage: number;
}

function median(sorted: ArrayLike<number>): number {
  const k = sorted.length;
  if (k === 0) return NaN;
  return k % 2 ? sorted[(k - 1) / 2] : (sorted[k / 2 - 1] + sorted[k / 2]) / 2;
}

export function hodgesLehmann(
  baseline: readonly number[],
  treatment: readonly number[],
  alpha = 0.05,
): ShiftEstimate {
  const m = baseline.length;
  const n = treatment.length;
  const diffs = new Float64Array(m * n);
  let k = 0;
  for (const y of treatment) for (const x of baseline) diffs[k++] = y - x;
  diffs.sort();
  const shift = median(diffs);
  const mn = m * n;
  let lowIndex: number; // k in the comment above (1-based rank of the lower bound)
  let coverage: number;
  if (m <= EXACT_LIMIT && n <= EXACT_LIMIT) {
    const { cdf } = uDistribution(m, n);
    lowIndex = -1;
    while (lowIndex + 1 < cdf.length && cdf[lowIndex + 1] <= alpha / 2) lowIndex++;
    lowIndex += 1; // the count of u values with P(U ≤ u) ≤ alpha/2
    coverage = lowIndex === 0 ? 1 : 1 - 2 * cdf[lowIndex - 1];
  } else {
    const z = normalQuantile(1 - alpha / 2);
    lowIndex = Math.floor(mn / 2 - z * Math.sqrt((mn * (m + n + 1)) / 12));
    coverage = 1 - alpha;
  }
  if (lowIndex <= 0) return { shift, ciLow: -Infinity, ciHigh: Infinity, coverage: 1 };
  // 1-based [D_(k), D_(mn+1−k)] → 0-based indices k − 1 and mn − k.
  return { shift, ciLow: diffs[lowIndex - 1], ciHigh: diffs[mn - lowIndex], coverage };
}
