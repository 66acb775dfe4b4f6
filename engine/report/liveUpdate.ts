/**
 * A followed run's live update for the panel: the counter windows each process added since the
 * last update, and the Counters tab's rows as they are now. Built from the model the live
 * analysis already holds in memory, so an update costs the new windows, never a re-read of the
 * run folder. Pure.
 */
import type { CounterRun } from '../counters/counterRun';
import type { LiveUpdate, LiveWindows } from '../../protocol/sourceData';
import { counterDataOfRun } from './counterData';

/**
 * The update after `sent` windows per process (process name → windows already sent); advances
 * `sent`. Undefined when the run has no counter process yet.
 */
export function liveUpdateOf(run: CounterRun, sent: Map<string, number>): LiveUpdate | undefined {
  const counters = counterDataOfRun(run);
  if (!counters) return undefined;
  const windows: LiveWindows[] = [];
  for (const p of run.processes) {
    const from = sent.get(p.source) ?? 0;
    const fresh = p.windows.slice(from);
    if (fresh.length === 0) continue;
    const timed = new Set(p.totals.filter((t) => t.kind === 'timer').map((t) => t.name));
    const counts: Record<string, number[]> = Object.create(null) as Record<string, number[]>;
    const totalMs: Record<string, number[]> = Object.create(null) as Record<string, number[]>;
    fresh.forEach((w, i) => {
      for (const name in w.counters) {
        (counts[name] ??= new Array<number>(fresh.length).fill(0))[i] = w.counters[name].count;
        if (timed.has(name))
          (totalMs[name] ??= new Array<number>(fresh.length).fill(0))[i] = w.counters[name].totalMs;
      }
    });
    windows.push({
      process: p.source,
      from,
      epochMs: fresh.map((w) => w.time ?? null),
      lines: fresh.map((w) => w.line),
      counts,
      totalMs,
    });
    sent.set(p.source, p.windows.length);
  }
  return { counters, windows, durationMs: run.wallClockMs };
}
