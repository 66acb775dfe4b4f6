/**
 * What a latency percentile's comparison rests on, said in its row, and the limit a histogram's
 * bucket resolution puts on the verdict (pure).
 *
 * A percentile read from a histogram is only known to lie inside its bucket (lo, hi]. So a change
 * is claimed only when it holds for every placement of the true values inside their buckets:
 * the smallest possible shift is the Hodges-Lehmann shift of the treatment's lower bounds against
 * the baseline's upper bounds, the largest the other way round (the shift only grows when a
 * treatment value grows or a baseline value falls). `worse` needs the smallest possible shift to
 * be an increase beyond the practical threshold, `better` the largest possible shift to be a
 * decrease beyond it; otherwise the metric is `same` and its verdict says "within bucket
 * resolution" with the range the change could have. Raw samples have no such limit.
 */
import type { LatencyBasis } from './latencyHistograms';
import { hodgesLehmann } from './shift';

export interface BasisSummary {
  /** e.g. `from a 12-bucket Prometheus histogram; p99 within 250–500 ms (baseline), 500–1,000 ms (treatment)`. */
  readonly text: string;
  /** The shift's possible range given the buckets (histogram bases only), in the metric's unit. */
  readonly resolution?: { readonly low: number; readonly high: number };
}

const bound = (x: number): string =>
  x === Infinity ? '∞' : x.toLocaleString('en-US', { maximumSignificantDigits: 4 });

const span = (xs: readonly number[]): string => {
  const lo = Math.min(...xs);
  const hi = Math.max(...xs);
  return lo === hi ? `${lo}` : `${lo}–${hi}`;
};

type Histogram = Extract<LatencyBasis, { kind: 'histogram' }>;

function sideRange(bases: readonly Histogram[]): string {
  const lo = Math.min(...bases.map((b) => b.lo));
  const hi = Math.max(...bases.map((b) => b.hi));
  return hi === Infinity
    ? `above ${bound(lo)} ms (+Inf bucket: shown as ${bound(lo)})`
    : `within ${bound(lo)}–${bound(hi)} ms`;
}

export function summariseBasis(
  percentile: string,
  values: { readonly b: readonly number[]; readonly t: readonly number[] },
  bases: {
    readonly b: readonly (LatencyBasis | undefined)[];
    readonly t: readonly (LatencyBasis | undefined)[];
  },
): BasisSummary | undefined {
  const all = [...bases.b, ...bases.t].filter((x): x is LatencyBasis => x !== undefined);
  if (all.length === 0) return undefined;
  const raw = all.filter((x) => x.kind === 'raw');
  const hist = all.filter((x): x is Histogram => x.kind === 'histogram');
  const parts: string[] = [];
  if (raw.length > 0)
    parts.push(
      `from raw samples (n=${span(raw.map((r) => r.samples))} per iteration` +
        (hist.length > 0 ? `, ${raw.length} of ${all.length} iteration values)` : ')'),
    );
  if (hist.length === 0) return { text: parts.join('; ') };

  const formats = [...new Set(hist.map((h) => h.format))];
  const counts = span(hist.map((h) => h.buckets));
  parts.push(
    formats
      .map((f) =>
        f === 'Prometheus'
          ? `from ${/^(8|11(\D|$)|18(\D|$))/.test(counts) ? 'an' : 'a'} ${counts}-bucket Prometheus histogram`
          : `from HdrHistogram output (${counts} printed points)`,
      )
      .join(' and '),
  );
  const hb = bases.b.filter((x): x is Histogram => x?.kind === 'histogram');
  const ht = bases.t.filter((x): x is Histogram => x?.kind === 'histogram');
  const rb = hb.length ? sideRange(hb) : undefined;
  const rt = ht.length ? sideRange(ht) : undefined;
  parts.push(
    rb !== undefined && rb === rt
      ? `${percentile} ${rb} on both sides`
      : [rb && `${percentile} ${rb} (baseline)`, rt && `${rt} (treatment)`]
          .filter(Boolean)
          .join(', '),
  );

  const lowHigh = (side: 'b' | 't', v: number, i: number): [number, number] => {
    const x = bases[side][i];
    return x?.kind === 'histogram' ? [x.lo, x.hi] : [v, v];
  };
  const b = values.b.map((v, i) => lowHigh('b', v, i));
  const t = values.t.map((v, i) => lowHigh('t', v, i));
  const low = hodgesLehmann(
    b.map((x) => x[1]),
    t.map((x) => x[0]),
  ).shift;
  const high = hodgesLehmann(
    b.map((x) => x[0]),
    t.map((x) => x[1]),
  ).shift;
  return { text: parts.join('; '), resolution: { low, high } };
}

/**
 * A claimed change that the buckets cannot show becomes `same`. `baseMedian` scales the practical
 * threshold (a fraction), as for the change itself.
 */
export function withinResolution(
  change: number,
  resolution: { readonly low: number; readonly high: number },
  threshold: number,
  baseMedian: number,
): boolean {
  const beyond = (x: number): boolean =>
    baseMedian === 0 ? x !== 0 : Math.abs(x) / Math.abs(baseMedian) >= threshold;
  if (change > 0) return !(resolution.low > 0 && beyond(resolution.low));
  if (change < 0) return !(resolution.high < 0 && beyond(resolution.high));
  return false;
}
