/** Per-window series for charts and the scaling fit, from the timeline's column arrays. */
import type { CounterSeries, ResourceSeries } from '../../protocol/sourceData';

export type Metric = 'totalMs' | 'count' | 'rate';

/** One counter's value in each window: total ms, count, or count per second of window. */
export function counterValues(
  s: CounterSeries,
  name: string,
  metric: Metric,
  intervalMs: number,
): number[] {
  const counts = s.counts[name] ?? [];
  if (metric === 'totalMs') return [...(s.totalMs[name] ?? counts.map(() => 0))];
  if (metric === 'count') return [...counts];
  return counts.map((c) => c / (intervalMs / 1000));
}

/** Resource samples on one x axis: the union of every process's sample times, gaps as null. */
export function alignResources(
  rs: readonly ResourceSeries[],
  field: 'cpuPct' | 'rssMiB',
): { xs: number[]; ys: (number | null)[][] } {
  const times = [...new Set(rs.flatMap((r) => r.timesMs))].sort((a, b) => a - b);
  const at = new Map(times.map((t, i) => [t, i]));
  const ys = rs.map((r) => {
    const out = new Array<number | null>(times.length).fill(null);
    r.timesMs.forEach((t, k) => (out[at.get(t)!] = r[field][k]));
    return out;
  });
  return { xs: times.map((t) => t / 1000), ys };
}

/**
 * The mean of a resource over each window (samples in (previous window end, window end]),
 * summed over processes at each tick — the Scaling tab's resource axis.
 */
export function resourcePerWindow(
  windowEndsMs: readonly number[],
  rs: readonly ResourceSeries[],
  field: 'cpuPct' | 'rssMiB',
  intervalMs: number,
): (number | null)[] {
  const { xs, ys } = alignResources(rs, field);
  const totals = xs.map((_, i) => {
    let sum = 0;
    let any = false;
    for (const y of ys)
      if (y[i] !== null) {
        sum += y[i];
        any = true;
      }
    return any ? sum : null;
  });
  return windowEndsMs.map((end) => {
    const from = end - intervalMs;
    let sum = 0;
    let n = 0;
    xs.forEach((x, i) => {
      const t = x * 1000;
      if (t > from && t <= end && totals[i] !== null) {
        sum += totals[i];
        n++;
      }
    });
    return n ? sum / n : null;
  });
}
