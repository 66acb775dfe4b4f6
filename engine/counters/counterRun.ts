/**
 * Windows → one run: per-process time series, per-counter totals, top-N.
 *
 * Each perf-counters dump is one window (the SDK clears its cells after dumping), so totals are
 * sums over windows: count and totalMs add, maxMs is the max, avgMs = totalMs / count.
 * Wall-clock comes, in order of preference, from the caller (run.json start/end), from the dump
 * timestamps (first − one interval … last), or from the number of windows × the dump interval
 * (`SPHERE_PERF_DUMP_MS`: given, else the median distance between timestamped dumps, else 5000).
 * Every run says which basis it used.
 *
 * Restarts: window dumps start over on their own, so a restart only shows as a gap in time (and,
 * for cumulative diagnostics, as counts going down — reported by the scanner and passed in here).
 * Gaps: consecutive dumps of one process further apart than `gapFactor` intervals.
 */
import { familyOf } from './families';
import { CounterCell, CounterDump, CounterKind, LostPart } from './types';
import { guessUnit, kindOf } from './units';

export interface BuildOptions {
  /** The dump interval in ms (SPHERE_PERF_DUMP_MS); default 5000. */
  readonly dumpIntervalMs?: number;
  /**
   * Where `dumpIntervalMs` came from, for the report (e.g. `run.json SPHERE_PERF_DUMP_MS`,
   * `--dump-ms`).
   */
  readonly dumpIntervalSource?: string;
  /** Known wall-clock of the run (e.g. run.json end − start); wins over timestamps. */
  readonly wallClockMs?: number;
  /** A gap is a distance between dumps above this many intervals (default 2.5). */
  readonly gapFactor?: number;
  /** Restarts already detected (diagnostics counters going down). */
  readonly restarts?: ReadonlyArray<{ readonly source: string; readonly line: number }>;
}

export interface CounterWindow {
  readonly index: number;
  readonly source: string;
  readonly time?: number;
  readonly line: number;
  readonly partial: boolean;
  readonly counters: Readonly<Record<string, CounterCell>>;
}

export interface Gap {
  readonly source: string;
  readonly fromTime: number;
  readonly toTime: number;
  /** Line of the first dump after the gap. */
  readonly line: number;
}

export type WallClockBasis = 'given' | 'timestamps' | 'windows';

export interface CounterTotal {
  readonly name: string;
  /** Family (`ipfs.fetchCar` for `ipfs.fetchCar.calls`). */
  readonly family: string;
  readonly kind: CounterKind;
  /** Guessed unit of `count` for pure counts (`bytes`, `blocks`, …). */
  readonly unit?: string;
  readonly count: number;
  readonly totalMs: number;
  readonly avgMs: number;
  readonly maxMs: number;
  /** count per second of wall-clock (calls/s for timers, quantity/s for counts). */
  readonly ratePerSec: number;
  /** totalMs / wall-clock; above 1 when calls overlap (async) or several processes add up. */
  readonly shareOfWallClock: number;
  /** Windows in which the counter appeared. */
  readonly windows: number;
}

export interface ProcessCounters {
  readonly source: string;
  readonly windows: CounterWindow[];
  readonly totals: CounterTotal[];
  readonly wallClockMs: number;
  readonly wallClockBasis: WallClockBasis;
  readonly firstTime?: number;
  readonly lastTime?: number;
  readonly gaps: Gap[];
  readonly restarts: number[];
  readonly lost: Array<LostPart & { readonly line: number }>;
}

export interface CounterRun {
  readonly processes: ProcessCounters[];
  /** All processes summed, sorted by totalMs descending. */
  readonly totals: CounterTotal[];
  readonly wallClockMs: number;
  readonly wallClockBasis: WallClockBasis;
  readonly dumpIntervalMs: number;
  /**
   * Where the dump interval came from: the caller's source (run.json, a flag), `dump timestamps`
   * (median distance), or `default` (5000 ms: no timestamps and nothing given — "per second" and
   * "% of wall" may be off by the ratio to the true interval).
   */
  readonly dumpIntervalBasis: string;
  readonly windowCount: number;
}

interface Acc {
  count: number;
  totalMs: number;
  maxMs: number;
  windows: number;
}

/** Accumulates dumps as they arrive (live runs) and builds the run model on demand. */
export class CounterRunBuilder {
  private readonly bySource = new Map<string, CounterWindow[]>();
  private n = 0;

  add(d: CounterDump): void {
    let list = this.bySource.get(d.source);
    if (!list) this.bySource.set(d.source, (list = []));
    list.push({
      index: this.n++,
      source: d.source,
      time: d.time,
      line: d.line,
      partial: Boolean(d.partial),
      counters: d.counters,
    });
    lostBySource(this, d);
  }

  /** @internal */
  readonly lost = new Map<string, Array<LostPart & { line: number }>>();

  /** Median distance between consecutive timestamped dumps of a process, when there are any. */
  private inferInterval(): number | undefined {
    const diffs: number[] = [];
    for (const ws of this.bySource.values()) {
      for (let i = 1; i < ws.length; i++) {
        const a = ws[i - 1].time;
        const b = ws[i].time;
        if (a !== undefined && b !== undefined && b > a) diffs.push(b - a);
      }
    }
    if (diffs.length === 0) return undefined;
    diffs.sort((x, y) => x - y);
    return diffs[Math.floor(diffs.length / 2)];
  }

  build(opts: BuildOptions = {}): CounterRun {
    const { interval, dumpIntervalBasis } = this.dumpInterval(opts);
    const processes: ProcessCounters[] = [];
    for (const [source, windows] of this.bySource)
      processes.push(this.processCounters(source, windows, interval, opts));
    const all = processes.flatMap((p) => p.windows);
    const { wallClockMs, basis } = runWallClock(processes, interval, opts);
    return {
      processes,
      totals: totalsOf(all, wallClockMs),
      wallClockMs,
      wallClockBasis: basis,
      dumpIntervalMs: interval,
      dumpIntervalBasis,
      windowCount: all.length,
    };
  }

  /** The caller's interval, else the dumps' own median spacing, else the SDK's 5000 ms. */
  private dumpInterval(opts: BuildOptions): { interval: number; dumpIntervalBasis: string } {
    const given =
      opts.dumpIntervalMs !== undefined && opts.dumpIntervalMs > 0
        ? opts.dumpIntervalMs
        : undefined;
    if (given !== undefined)
      return { interval: given, dumpIntervalBasis: opts.dumpIntervalSource ?? 'given' };
    const inferred = this.inferInterval();
    if (inferred !== undefined) return { interval: inferred, dumpIntervalBasis: 'dump timestamps' };
    return { interval: 5000, dumpIntervalBasis: 'default' };
  }

  private processCounters(
    source: string,
    windows: CounterWindow[],
    interval: number,
    opts: BuildOptions,
  ): ProcessCounters {
    const times = windows.map((w) => w.time).filter((t): t is number => t !== undefined);
    // Reduced, not spread into Math.min: a long run has more dumps than arguments fit on the
    // stack.
    const firstTime = times.length ? times.reduce((a, b) => Math.min(a, b)) : undefined;
    const lastTime = times.length ? times.reduce((a, b) => Math.max(a, b)) : undefined;
    const allTimed = times.length === windows.length;
    const span = allTimed && firstTime !== undefined ? lastTime! - firstTime : undefined;
    const { wallClockMs, basis } = processWallClock(windows.length, span, interval, opts);
    return {
      source,
      windows,
      totals: totalsOf(windows, wallClockMs),
      wallClockMs,
      wallClockBasis: basis,
      firstTime,
      lastTime,
      gaps: gapsOf(source, windows, (opts.gapFactor ?? 2.5) * interval),
      restarts: (opts.restarts ?? []).filter((r) => r.source === source).map((r) => r.line),
      lost: this.lost.get(source) ?? [],
    };
  }
}

interface WallClock {
  readonly wallClockMs: number;
  readonly basis: WallClockBasis;
}

/**
 * One process's wall-clock: given, else first to last dump time plus one interval
 * (`timedSpanMs`, when every dump has a time), else one interval per window.
 */
function processWallClock(
  windowCount: number,
  timedSpanMs: number | undefined,
  interval: number,
  opts: BuildOptions,
): WallClock {
  if (opts.wallClockMs !== undefined && opts.wallClockMs > 0)
    return { wallClockMs: opts.wallClockMs, basis: 'given' };
  if (timedSpanMs !== undefined)
    return { wallClockMs: timedSpanMs + interval, basis: 'timestamps' };
  return { wallClockMs: windowCount * interval, basis: 'windows' };
}

/** The run's wall-clock: given, else the span of all processes' dumps, else the longest process. */
function runWallClock(
  processes: readonly ProcessCounters[],
  interval: number,
  opts: BuildOptions,
): WallClock {
  if (opts.wallClockMs !== undefined && opts.wallClockMs > 0)
    return { wallClockMs: opts.wallClockMs, basis: 'given' };
  if (processes.length > 0 && processes.every((p) => p.wallClockBasis === 'timestamps')) {
    const firsts = processes.map((p) => p.firstTime).filter((t): t is number => t !== undefined);
    const lasts = processes.map((p) => p.lastTime).filter((t): t is number => t !== undefined);
    return {
      wallClockMs: Math.max(...lasts) - Math.min(...firsts) + interval,
      basis: 'timestamps',
    };
  }
  return { wallClockMs: Math.max(0, ...processes.map((p) => p.wallClockMs)), basis: 'windows' };
}

/** Distances between consecutive timed dumps longer than `maxMs`: dumps that never came. */
function gapsOf(source: string, windows: readonly CounterWindow[], maxMs: number): Gap[] {
  const gaps: Gap[] = [];
  for (let i = 1; i < windows.length; i++) {
    const a = windows[i - 1].time;
    const b = windows[i].time;
    if (a !== undefined && b !== undefined && b - a > maxMs)
      gaps.push({ source, fromTime: a, toTime: b, line: windows[i].line });
  }
  return gaps;
}

function lostBySource(b: CounterRunBuilder, d: CounterDump): void {
  if (d.lost.length === 0) return;
  let l = b.lost.get(d.source);
  if (!l) b.lost.set(d.source, (l = []));
  for (const x of d.lost) if (l.length < 1000) l.push({ ...x, line: d.line });
}

export function totalsOf(windows: readonly CounterWindow[], wallClockMs: number): CounterTotal[] {
  const acc = new Map<string, Acc>();
  for (const w of windows) {
    for (const name in w.counters) {
      const c = w.counters[name];
      let a = acc.get(name);
      if (!a) acc.set(name, (a = { count: 0, totalMs: 0, maxMs: 0, windows: 0 }));
      a.count += c.count;
      a.totalMs += c.totalMs;
      if (c.maxMs > a.maxMs) a.maxMs = c.maxMs;
      a.windows++;
    }
  }
  const secs = wallClockMs / 1000;
  const out: CounterTotal[] = [];
  for (const [name, a] of acc) {
    const kind = kindOf(a.totalMs, a.maxMs);
    const unit = kind === 'count' ? guessUnit(name) : undefined;
    out.push({
      name,
      family: familyOf(name),
      kind,
      ...(unit ? { unit } : {}),
      count: a.count,
      totalMs: round3(a.totalMs),
      avgMs: a.count > 0 ? round3(a.totalMs / a.count) : 0,
      maxMs: round3(a.maxMs),
      ratePerSec: secs > 0 ? round3(a.count / secs) : 0,
      shareOfWallClock: wallClockMs > 0 ? round3(a.totalMs / wallClockMs) : 0,
      windows: a.windows,
    });
  }
  return sortTotals(out);
}

/** totalMs descending; counts (totalMs 0) after timers, by count descending, then by name. */
export function sortTotals(t: CounterTotal[]): CounterTotal[] {
  return t.sort(
    (a, b) =>
      b.totalMs - a.totalMs ||
      b.count - a.count ||
      (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
  );
}

export function topN(totals: readonly CounterTotal[], n: number): CounterTotal[] {
  return sortTotals([...totals]).slice(0, Math.max(0, n));
}

export interface SeriesPoint {
  readonly index: number;
  readonly time?: number;
  readonly count: number;
  readonly totalMs: number;
  readonly maxMs: number;
}

/** One counter over time in one process (windows where it is absent count as 0). */
export function seriesOf(p: ProcessCounters, name: string): SeriesPoint[] {
  return p.windows.map((w) => {
    const c = w.counters[name];
    return {
      index: w.index,
      time: w.time,
      count: c?.count ?? 0,
      totalMs: c?.totalMs ?? 0,
      maxMs: c?.maxMs ?? 0,
    };
  });
}

export function buildCounterRun(dumps: Iterable<CounterDump>, opts?: BuildOptions): CounterRun {
  const b = new CounterRunBuilder();
  for (const d of dumps) b.add(d);
  return b.build(opts);
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
