/**
 * The Counters tab's data (protocol/sourceData.ts `CounterData`): each counter per process and
 * for all processes, "% of wall" over each process's own span (run.json's first sighting to its
 * exit or the run's end, `runProcesses.ts`), and a timer's parts as a breakdown of it. The panel,
 * `report --markdown` and the text report all read their counter numbers from here.
 *
 * Per-process rows, not sums: "% of wall" is only meaningful per process (a counter's time over
 * that process's wall-clock); the combined rows add the per-process shares and say so.
 */
import type { CounterRun, ProcessCounters, WallClockBasis } from '../counters/counterRun';
import type { RunModel } from '../soak/readRunFolder';
import { runProcesses, type RunProcess } from './runProcesses';
import type { CounterData, CounterProcess, CounterProcessRow } from '../../protocol/sourceData';

/** What the rows are read from: a report's counter section (its input kind and its models). */
export interface CounterModels {
  readonly input: 'log' | 'run' | 'soak';
  readonly wallClockMs: number;
  readonly wallClockBasis: WallClockBasis;
  readonly models?: { readonly runs: readonly RunModel[]; readonly log?: CounterRun };
}

/** A run's counter processes, named `run/process` in a soak so iterations stay apart. */
export interface NamedRun {
  readonly prefix: string;
  readonly run?: RunModel;
  readonly counters?: CounterRun;
  /** run.json's processes, named and with their own spans (none for a log or a live run). */
  readonly processes: readonly RunProcess[];
}

export function namedRuns(c: CounterModels): NamedRun[] {
  const runs = c.models?.runs ?? [];
  if (c.models?.log) return [{ prefix: '', counters: c.models.log, processes: [] }];
  return runs.map((r) => ({
    prefix: c.input === 'soak' ? `${r.name}/` : '',
    run: r,
    counters: r.counters,
    processes: runProcesses(r.manifest, r.samples),
  }));
}

const round = (x: number, d = 2): number => Math.round(x * 10 ** d) / 10 ** d;

type Row = Omit<CounterProcessRow, 'wallPct' | 'parent' | 'ofParentPct' | 'perParentCall'>;

/** Adds % of wall and the parent breakdown to one process's (or the combination's) rows. */
function finish(rows: Row[], wallPct: (r: Row) => number | null): CounterProcessRow[] {
  const timers = new Map(rows.filter((r) => r.kind === 'timer').map((r) => [r.name, r]));
  return rows.map((r) => {
    // The nearest enclosing timer: `a.b` for `a.b.c`, else `a` (dotted names nest by prefix).
    let parent: Row | undefined;
    for (let i = r.name.lastIndexOf('.'); i > 0 && !parent; i = r.name.lastIndexOf('.', i - 1))
      parent = timers.get(r.name.slice(0, i));
    const breakdown = !parent
      ? {}
      : r.kind === 'timer'
        ? {
            parent: parent.name,
            ofParentPct: parent.totalMs > 0 ? round((r.totalMs / parent.totalMs) * 100, 1) : 0,
          }
        : {
            parent: parent.name,
            perParentCall: parent.count > 0 ? round(r.count / parent.count, 2) : 0,
          };
    return { ...r, wallPct: wallPct(r), ...breakdown };
  });
}

/** The run's wall-clock basis in words. */
export function runWallClockWords(basis: WallClockBasis): string {
  return basis === 'given'
    ? 'run.json start to end'
    : basis === 'timestamps'
      ? 'first to last counter dump'
      : 'counter windows × dump interval';
}

/**
 * One process's own wall-clock: its span in run.json (first sighting to exit or the run's end),
 * found by its name; else what the counter run measured for it, said in words.
 */
function processWall(
  p: ProcessCounters,
  procs: readonly RunProcess[],
): { wallClockMs: number; spanBasis: string } {
  const same = procs.filter((x) => x.name === p.source);
  const own = same.length === 1 ? same[0] : undefined;
  if (own?.startMs !== undefined && own.endMs !== undefined)
    return { wallClockMs: own.endMs - own.startMs, spanBasis: own.spanBasis! };
  return {
    wallClockMs: p.wallClockMs,
    spanBasis:
      p.wallClockBasis === 'given'
        ? "the run's wall-clock, run.json start to end (run.json does not list this process)"
        : p.wallClockBasis === 'timestamps'
          ? 'from its first to its last counter dump, plus one dump interval'
          : 'its counter windows × the dump interval',
  };
}

export function counterData(
  wallClockBasis: WallClockBasis,
  wallClockMs: number,
  runs: readonly NamedRun[],
): CounterData | undefined {
  const processes: CounterProcess[] = [];
  const rows: CounterProcessRow[] = [];
  let interval = 5000;
  const combined = new Map<string, Row & { share: number }>();
  for (const nr of runs) {
    if (!nr.counters) continue;
    interval = nr.counters.dumpIntervalMs;
    for (const p of nr.counters.processes) {
      const index = processes.length;
      const wall = processWall(p, nr.processes);
      processes.push({
        name: `${nr.prefix}${p.source}`,
        wallClockMs: wall.wallClockMs,
        spanBasis: wall.spanBasis,
        windows: p.windows.length,
      });
      const own: Row[] = p.totals.map((t) => ({
        name: t.name,
        family: t.family,
        kind: t.kind,
        ...(t.unit ? { unit: t.unit } : {}),
        process: index,
        count: t.count,
        totalMs: t.totalMs,
        maxMs: t.maxMs,
        windows: t.windows,
      }));
      const share = (r: Row): number | null =>
        r.kind === 'timer' && wall.wallClockMs > 0 ? (r.totalMs / wall.wallClockMs) * 100 : null;
      for (const r of own) {
        const prev = combined.get(r.name);
        const s = share(r) ?? 0;
        combined.set(
          r.name,
          prev
            ? {
                ...prev,
                kind: prev.kind === 'timer' || r.kind === 'timer' ? 'timer' : 'count',
                count: prev.count + r.count,
                totalMs: prev.totalMs + r.totalMs,
                maxMs: Math.max(prev.maxMs, r.maxMs),
                windows: prev.windows + r.windows,
                share: prev.share + s,
              }
            : { ...r, process: -1, share: s },
        );
      }
      rows.push(...finish(own, (r) => (share(r) === null ? null : round(share(r)!))));
    }
  }
  if (processes.length === 0) return undefined;
  const all = [...combined.values()]
    .map(({ share, ...r }) => ({ ...r, totalMs: round(r.totalMs, 3), share }))
    .sort((a, b) => b.totalMs - a.totalMs || b.count - a.count);
  const shareOf = new Map(all.map((r) => [r.name, r.share]));
  rows.push(
    ...finish(
      all.map(({ share: _share, ...r }) => r),
      (r) => (r.kind === 'timer' ? round(shareOf.get(r.name) ?? 0) : null),
    ),
  );
  return {
    processes,
    wallClockMs,
    wallClockBasis: runWallClockWords(wallClockBasis),
    dumpIntervalMs: interval,
    rows,
  };
}

/** The Counters tab's rows of one run being followed (the live builder's model, no files read). */
export function counterDataOfRun(run: CounterRun): CounterData | undefined {
  return counterData(run.wallClockBasis, run.wallClockMs, [
    { prefix: '', counters: run, processes: [] },
  ]);
}

/** The counter rows of a report's counter section (run.json's spans when it has them). */
export function counterDataOf(c: CounterModels): CounterData | undefined {
  return counterData(c.wallClockBasis, c.wallClockMs, namedRuns(c));
}
