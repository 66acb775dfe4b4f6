/**
 * Cumulative diagnostics snapshots → per-window deltas.
 *
 * A Rust service's diagnostics endpoint reports counters since start
 * (`{ count, total_ns, max_ns, over_1s_count, over_5s_count, over_30s_count }` per stage). A window
 * is the difference between two consecutive snapshots of the same process. When any count goes
 * down the process restarted: the new snapshot is itself the first window of the new life.
 * `max_ns` is a max since start, so a window's max is only known when it rose in that window;
 * otherwise the window's maxMs is reported as 0 and the run max stays correct. The first snapshot
 * of a process counts from zero (the process's life so far).
 */
import { StageCells } from './jsonPayload';
import { CounterCell, CounterDump, emptyCounters } from './types';

export interface DeltaResult {
  readonly dump?: CounterDump;
  /** True when this snapshot shows a restart (counters went down). */
  readonly restart: boolean;
}

export class DiagnosticsDeltas {
  private readonly prev = new Map<string, StageCells>();

  push(source: string, stages: StageCells, line: number, time?: number): DeltaResult {
    const before = this.prev.get(source);
    this.prev.set(source, stages);
    let restart = false;
    if (before) {
      for (const [name, cur] of Object.entries(stages)) {
        const old = before[name];
        if (old && (cur.count ?? 0) < (old.count ?? 0)) restart = true;
      }
    }
    const base = restart ? undefined : before;
    const counters = emptyCounters();
    for (const [name, cur] of Object.entries(stages)) {
      const old = base?.[name];
      const count = (cur.count ?? 0) - (old?.count ?? 0);
      const totalMs = ((cur.total_ns ?? 0) - (old?.total_ns ?? 0)) / 1e6;
      const rose = (cur.max_ns ?? 0) > (old?.max_ns ?? 0);
      const maxMs = rose ? (cur.max_ns ?? 0) / 1e6 : 0;
      counters[name] = cell(count, totalMs, maxMs);
      for (const [k, v] of Object.entries(cur)) {
        if (/^over_\w+_count$/.test(k)) counters[`${name}.${k}`] = cell(v - (old?.[k] ?? 0), 0, 0);
      }
    }
    // The first snapshot of a process covers its life so far (from zero), which is a window too.
    return { restart, dump: { source, time, line, format: 'diagnostics', counters, lost: [] } };
  }
}

function cell(count: number, totalMs: number, maxMs: number): CounterCell {
  return { count, totalMs, avgMs: count > 0 ? totalMs / count : 0, maxMs };
}
