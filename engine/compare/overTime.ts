/**
 * Counters over time, both sides overlaid (pure): each iteration's counter windows — every
 * process's windows summed per dump slot — as a value per second against seconds since the
 * iteration started, and machine.tsv's load from other processes beside it, flagged windows
 * marked. Fed iteration by iteration by the loader, so nothing else of a run is kept.
 */
import type { CompareOverTime, OverTimeIteration } from '../../protocol/compareView';
import type { RunModel } from '../soak';
import type { MachineRow } from './machineLoad';

interface Collected {
  readonly side: 'baseline' | 'treatment';
  readonly label: string;
  readonly windowT: number[];
  /** counter name → value per second per window slot. */
  readonly values: Map<string, (number | null)[]>;
  readonly machine: readonly MachineRow[];
  readonly startMs?: number;
}

export class OverTimeCollector {
  private readonly collected: Collected[] = [];
  /** Weight of each counter over every iteration: timers by total ms, counts by count. */
  private readonly weight = new Map<string, { kind: 'timer' | 'count'; w: number }>();
  private threshold = 0.5;

  add(
    side: 'baseline' | 'treatment',
    run: RunModel,
    machine: readonly MachineRow[],
    noiseThreshold: number,
  ): void {
    this.threshold = noiseThreshold;
    const m = run.manifest;
    const started = typeof m?.startTime === 'string' ? Date.parse(m.startTime) : NaN;
    const c = run.counters;
    const times = (c?.processes ?? []).flatMap((p) =>
      p.windows.map((w) => w.time).filter((t): t is number => t !== undefined),
    );
    const intervalMs = c?.dumpIntervalMs && c.dumpIntervalMs > 0 ? c.dumpIntervalMs : 5000;
    // Without run.json's start, the first dump is one interval in.
    const startMs = Number.isFinite(started)
      ? started
      : times.length > 0
        ? Math.min(...times) - intervalMs
        : machine[0]?.timeMs;
    const slots = new Map<number, Map<string, number>>();
    for (const p of c?.processes ?? [])
      p.windows.forEach((w, i) => {
        const endSec =
          w.time !== undefined && startMs !== undefined
            ? (w.time - startMs) / 1000
            : ((i + 1) * intervalMs) / 1000;
        const slot = Math.round(endSec / (intervalMs / 1000));
        let s = slots.get(slot);
        if (!s) slots.set(slot, (s = new Map<string, number>()));
        for (const [name, cell] of Object.entries(w.counters)) {
          const kind = cell.totalMs > 0 ? 'timer' : 'count';
          const v = kind === 'timer' ? cell.totalMs : cell.count;
          s.set(name, (s.get(name) ?? 0) + v);
          const wt = this.weight.get(name) ?? { kind, w: 0 };
          if (kind === 'timer') wt.kind = 'timer';
          wt.w += v;
          this.weight.set(name, wt);
        }
      });
    const order = [...slots.keys()].sort((a, b) => a - b);
    const perSec = intervalMs / 1000;
    const values = new Map<string, (number | null)[]>();
    order.forEach((slot, k) => {
      for (const [name, v] of slots.get(slot)!) {
        let arr = values.get(name);
        if (!arr) values.set(name, (arr = new Array<number | null>(order.length).fill(0)));
        arr[k] = v / perSec;
      }
    });
    this.collected.push({
      side,
      label: run.name,
      windowT: order.map((slot) => slot * perSec),
      values,
      machine,
      startMs,
    });
  }

  /** The charts' data; `top` counters by weight (timers first, then counts). */
  result(top = 12): CompareOverTime | undefined {
    if (this.collected.every((c) => c.windowT.length === 0 && c.machine.length === 0))
      return undefined;
    const ranked = [...this.weight.entries()].sort(
      (a, b) =>
        Number(b[1].kind === 'timer') - Number(a[1].kind === 'timer') ||
        b[1].w - a[1].w ||
        a[0].localeCompare(b[0]),
    );
    const chosen = ranked.slice(0, top);
    // Baseline iterations first, each side in the order its iterations were read.
    const ordered = [
      ...this.collected.filter((c) => c.side === 'baseline'),
      ...this.collected.filter((c) => c.side === 'treatment'),
    ];
    const iterations: OverTimeIteration[] = ordered.map((c) => {
      const start = c.startMs ?? c.machine[0]?.timeMs ?? 0;
      return {
        side: c.side,
        label: c.label,
        windowT: c.windowT,
        counters: chosen.map(
          ([name]) => c.values.get(name) ?? new Array<number | null>(c.windowT.length).fill(null),
        ),
        machineT: c.machine.map((r) => (r.timeMs - start) / 1000),
        otherCores: c.machine.map((r) => r.otherCores),
        flagged: c.machine.map((r) => r.flagged),
        cores: c.machine[0]?.cores ?? 0,
      };
    });
    return {
      counters: chosen.map(([name, w]) => ({
        name,
        unit: w.kind === 'timer' ? 'ms/s' : '/s',
      })),
      iterations,
      noiseThreshold: this.threshold,
    };
  }
}
