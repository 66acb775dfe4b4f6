/**
 * Merges a followed run's live update into the source the page shows: the counter rows are
 * replaced (they are small), the new windows are appended to each process's series. Pure, so the
 * page keeps its UI state (sort, filter, scroll, selection) and only the data moves.
 */
import type {
  CounterSeries,
  LiveUpdate,
  LiveWindows,
  SourceData,
  TimelineData,
} from '../../protocol/sourceData';

const zeros = (n: number): number[] => new Array<number>(n).fill(0);

/** `old` (cut to `keep` windows) followed by `fresh`, per name; absent names count 0. */
function appendColumns(
  old: Readonly<Record<string, readonly number[]>>,
  fresh: Readonly<Record<string, readonly number[]>>,
  keep: number,
  added: number,
): Record<string, number[]> {
  const out: Record<string, number[]> = Object.create(null) as Record<string, number[]>;
  for (const name of new Set([...Object.keys(old), ...Object.keys(fresh)])) {
    const before = old[name] ? old[name].slice(0, keep) : zeros(keep);
    out[name] = before.concat(fresh[name] ? [...fresh[name]] : zeros(added));
  }
  return out;
}

function appendWindows(
  s: CounterSeries | undefined,
  w: LiveWindows,
  originEpochMs: number | undefined,
  intervalMs: number,
): CounterSeries {
  const keep = w.from;
  const added = w.epochMs.length;
  // The same clock as the engine's series: time since the timeline's origin, else window ×
  // interval.
  const times = w.epochMs.map((t, i) =>
    t !== null && originEpochMs !== undefined ? t - originEpochMs : (keep + i + 1) * intervalMs,
  );
  return {
    process: s?.process ?? -1,
    timesMs: (s?.timesMs.slice(0, keep) ?? []).concat(times),
    lines: (s?.lines.slice(0, keep) ?? []).concat(w.lines),
    counts: appendColumns(s?.counts ?? {}, w.counts, keep, added),
    totalMs: appendColumns(s?.totalMs ?? {}, w.totalMs, keep, added),
  };
}

/**
 * `d` with `u` merged in, or undefined when `u` starts after the last window the page has (a
 * window was missed, e.g. the page was opened between two updates): the page asks for the whole
 * source again.
 */
export function mergeLive(d: SourceData, u: LiveUpdate): SourceData | undefined {
  const oldNames = d.counters?.processes.map((p) => p.name) ?? [];
  const byName = new Map<string, CounterSeries>();
  const unnamed: CounterSeries[] = [];
  for (const s of d.timeline?.counters ?? []) {
    const name = oldNames[s.process];
    if (name === undefined) unnamed.push(s);
    else byName.set(name, s);
  }
  const origin = d.timeline?.originEpochMs;
  for (const w of u.windows) {
    const s = byName.get(w.process);
    if (w.from > (s?.timesMs.length ?? 0)) return undefined;
    byName.set(w.process, appendWindows(s, w, origin, u.counters.dumpIntervalMs));
  }
  // Process indices follow the new rows (a process that appeared may come first by name).
  const newIndex = new Map(u.counters.processes.map((p, i) => [p.name, i]));
  const timeline: TimelineData = {
    ...(d.timeline ?? { resources: [] }),
    counters: [
      ...[...byName].map(([name, s]) => ({ ...s, process: newIndex.get(name) ?? -1 })),
      ...unnamed,
    ],
  };
  const fromRunJson = d.summary.durationBasis?.startsWith('run.json') ?? false;
  return {
    ...d,
    counters: u.counters,
    timeline,
    summary: fromRunJson
      ? d.summary
      : { ...d.summary, durationMs: u.durationMs, durationBasis: 'first to last counter dump' },
  };
}
