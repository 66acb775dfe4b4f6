/**
 * A percentile from cumulative buckets, by the rule of Prometheus' `histogram_quantile`
 * (prometheus/prometheus `promql/quantile.go`, `bucketQuantile`): the rank q·N falls in the first
 * bucket whose cumulative count reaches it, and the value is interpolated linearly inside that
 * bucket (from 0 for the lowest bucket when its bound is above 0). A rank in the `+Inf` bucket
 * gives the highest finite bound — flagged, since the true value is anywhere above it.
 *
 * Written here rather than taken from a package: no npm library implements this rule (the
 * Prometheus clients only expose buckets), and the point is to give exactly Prometheus' answer.
 * Unlike Prometheus it also returns the bucket the estimate lies in, so a comparison can say
 * how coarse the estimate is.
 */

export interface CumulativeBucket {
  /** Upper bound (`le`), ascending; the last one is `Infinity`. */
  readonly le: number;
  /** Observations ≤ le. */
  readonly count: number;
}

export interface BucketEstimate {
  readonly value: number;
  /** The bucket the true value lies in: (lo, hi]; hi is Infinity for the +Inf bucket. */
  readonly lo: number;
  readonly hi: number;
  /** The rank fell in the +Inf bucket: the value is only a lower bound. */
  readonly overflow: boolean;
}

/**
 * q in [0, 1]. `buckets` must be sorted by `le`, end with `le = Infinity` and be monotone (the
 * readers check that and report it); undefined when there are no observations.
 */
export function bucketQuantile(
  q: number,
  buckets: readonly CumulativeBucket[],
): BucketEstimate | undefined {
  if (buckets.length < 2 || buckets[buckets.length - 1].le !== Infinity) return undefined;
  const observations = buckets[buckets.length - 1].count;
  if (!(observations > 0)) return undefined;
  let rank = q * observations;
  let b = 0;
  while (b < buckets.length - 1 && buckets[b].count < rank) b++;
  if (b === buckets.length - 1) {
    const top = buckets[b - 1].le;
    return { value: top, lo: top, hi: Infinity, overflow: true };
  }
  if (b === 0 && buckets[0].le <= 0)
    return { value: buckets[0].le, lo: buckets[0].le, hi: buckets[0].le, overflow: false };
  const start = b > 0 ? buckets[b - 1].le : 0;
  const end = buckets[b].le;
  let count = buckets[b].count;
  if (b > 0) {
    count -= buckets[b - 1].count;
    rank -= buckets[b - 1].count;
  }
  return { value: start + (end - start) * (rank / count), lo: start, hi: end, overflow: false };
}
