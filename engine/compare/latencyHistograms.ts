/**
 * Latency histograms found in a run (Prometheus exposition histograms, HdrHistogram percentile
 * distributions) → p50/p90/p99/p999 in milliseconds, each with the bucket it lies in.
 *
 * Both formats become one cumulative histogram in ms: a Prometheus histogram's `le` buckets as
 * they are; an HdrHistogram print's rows as buckets whose bound is the printed value and whose
 * count is the printed TotalCount (samples ≤ that value), so its percentiles are read between the
 * printed points by the same rule. Percentiles are estimates inside a bucket, never from avg/max.
 */
import { bucketQuantile, type BucketEstimate, type CumulativeBucket } from './bucketQuantile';
import { LATENCY_PERCENTILES } from './latencySamples';

export type HistogramFormat = 'Prometheus' | 'HdrHistogram';

export interface LatencyHistogram {
  /** Metric name as printed (`ack_latency_seconds`), or as derived for HdrHistogram output. */
  readonly name: string;
  readonly format: HistogramFormat;
  /** Cumulative, ascending, in ms; the last bucket is +Inf. */
  readonly buckets: readonly CumulativeBucket[];
  /** Where it was read (the last scrape or print), `file:line`. */
  readonly where: string;
  /** How the unit was decided, e.g. `seconds (name suffix)`. */
  readonly unitBasis: string;
}

/** What a percentile of one iteration rests on. */
export type LatencyBasis =
  | { readonly kind: 'raw'; readonly samples: number }
  | {
      readonly kind: 'histogram';
      readonly format: HistogramFormat;
      /** Finite buckets (Prometheus) or printed points (HdrHistogram). */
      readonly buckets: number;
      readonly lo: number;
      readonly hi: number;
      readonly overflow: boolean;
    };

/** Time units a metric name may end with, and their scale to milliseconds. */
const TIME_SUFFIXES: ReadonlyArray<readonly [RegExp, number, string]> = [
  [/_(seconds|secs|sec|s)$/, 1000, 'seconds'],
  [/_(milliseconds|millis|ms)$/, 1, 'milliseconds'],
  [/_(microseconds|micros|us|µs)$/, 0.001, 'microseconds'],
  [/_(nanoseconds|nanos|ns)$/, 1e-6, 'nanoseconds'],
];

/** Prometheus base units that are not times: such histograms are not latencies. */
const OTHER_UNITS =
  /_(bytes|bits|ratio|percent|celsius|meters|volts|amperes|joules|grams|total|count|info|size|items|entries|messages|requests)$/;

/**
 * The scale from a metric's printed unit to ms, read from its name's unit suffix; `fallback` when
 * the name has none (Prometheus' base unit of time is the second; HdrHistogram prints carry no
 * unit, and wrk2's are in ms). Undefined for a name whose suffix is a unit that is not a time.
 */
export function unitScaleOf(
  name: string,
  fallback: { readonly scale: number; readonly unit: string },
): { scale: number; basis: string } | undefined {
  const lower = name.toLowerCase();
  for (const [re, scale, unit] of TIME_SUFFIXES)
    if (re.test(lower)) return { scale, basis: `${unit} (name suffix)` };
  if (OTHER_UNITS.test(lower)) return undefined;
  return { scale: fallback.scale, basis: fallback.unit };
}

export interface HistogramPercentile {
  readonly label: string;
  readonly estimate: BucketEstimate;
  readonly basis: LatencyBasis;
}

/** p50/p90/p99/p999 of one histogram (none when it holds no observation). */
export function histogramPercentiles(h: LatencyHistogram): HistogramPercentile[] {
  const out: HistogramPercentile[] = [];
  const finite = h.buckets.filter((b) => b.le !== Infinity).length;
  for (const [label, q] of LATENCY_PERCENTILES) {
    const e = bucketQuantile(q / 100, h.buckets);
    if (!e) continue;
    out.push({
      label,
      estimate: e,
      basis: {
        kind: 'histogram',
        format: h.format,
        buckets: finite,
        lo: e.lo,
        hi: e.hi,
        overflow: e.overflow,
      },
    });
  }
  return out;
}
