/**
 * The counter numbers a lens and hover show, with each process's own share beside the sum.
 *
 * A counter read from several processes (a soak of two daemons) sums their time over the run's
 * wall-clock, so its share of the run can pass 100 % and says little. Each process's time over
 * that process's own wall-clock is what the panel shows per process; the lens states the
 * largest of those with the process it belongs to, and the hover lists them all.
 */
import type { CounterRun, ProcessCounters } from '../counters/counterRun';
import type { CounterRow, CounterSection } from '../report/counterReport';

export interface CounterProcessShare {
  /** The process's name in the source (`alice`, `main`; `run-2/alice` in a soak). */
  readonly process: string;
  readonly count: number;
  readonly totalMs: number;
  /** totalMs / this process's wall-clock (0 when its wall-clock is unknown). */
  readonly shareOfWallClock: number;
}

/**
 * The counter numbers a match carries: the counters report's row (its `shareOfWallClock` is
 * totalMs / the run's wall-clock, above 1 when calls overlap or processes add up), plus the
 * per-process shares.
 */
export interface CounterFacts extends Pick<
  CounterRow,
  | 'name'
  | 'count'
  | 'totalMs'
  | 'avgMs'
  | 'maxMs'
  | 'ratePerSec'
  | 'kind'
  | 'unit'
  | 'shareOfWallClock'
> {
  /** Per process, largest share first; present when more than one process was read. */
  readonly perProcess?: readonly CounterProcessShare[];
}

interface NamedProcess {
  readonly name: string;
  readonly counters: ProcessCounters;
}

/**
 * Totals of every process summed, each counter with its per-process shares when there are several.
 */
export function counterFactsOf(
  totals: readonly Omit<CounterFacts, 'perProcess'>[],
  processes: readonly NamedProcess[],
): CounterFacts[] {
  const perName = new Map<string, CounterProcessShare[]>();
  if (processes.length > 1)
    for (const p of processes)
      for (const t of p.counters.totals) {
        const list = perName.get(t.name) ?? [];
        list.push({
          process: p.name,
          count: t.count,
          totalMs: t.totalMs,
          shareOfWallClock: p.counters.wallClockMs > 0 ? t.totalMs / p.counters.wallClockMs : 0,
        });
        perName.set(t.name, list);
      }
  return totals.map((t) => {
    const perProcess = perName
      .get(t.name)
      ?.sort((a, b) => b.shareOfWallClock - a.shareOfWallClock || b.count - a.count);
    return {
      name: t.name,
      count: t.count,
      totalMs: t.totalMs,
      avgMs: t.avgMs,
      maxMs: t.maxMs,
      ratePerSec: t.ratePerSec,
      kind: t.kind,
      ...(t.unit !== undefined ? { unit: t.unit } : {}),
      shareOfWallClock: t.shareOfWallClock,
      ...(perProcess ? { perProcess } : {}),
    };
  });
}

/** A live run's counters so far. */
export function counterFactsOfRun(run: CounterRun): CounterFacts[] {
  return counterFactsOf(
    run.totals,
    run.processes.map((p) => ({ name: p.source, counters: p })),
  );
}

/**
 * A loaded source's counters: its rows, with the processes of its log, run or soak (a soak's named
 * `run/process`).
 */
export function counterFactsOfSection(section: CounterSection): CounterFacts[] {
  const processes: NamedProcess[] = [];
  const log = section.models?.log;
  if (log) for (const p of log.processes) processes.push({ name: p.source, counters: p });
  else
    for (const r of section.models?.runs ?? [])
      for (const p of r.counters?.processes ?? [])
        processes.push({
          name: section.input === 'soak' ? `${r.name}/${p.source}` : p.source,
          counters: p,
        });
  return counterFactsOf(section.counters, processes);
}
