/**
 * The live top counters of a followed run, from the dumps the server parses as they appear.
 * Each dump is one window (the counters module clears after dumping), so the running total is
 * the sum of windows.
 */
import type { LiveCounter } from '../../protocol/server';

interface DumpLike {
  readonly counters?: Readonly<
    Record<string, { readonly count?: unknown; readonly totalMs?: unknown }>
  >;
}

export class LiveCounters {
  private readonly totals = new Map<string, { totalMs: number; count: number }>();
  windows = 0;

  /** Add one parsed dump (anything without counters is ignored). */
  add(dump: unknown): void {
    const counters = (dump as DumpLike | null)?.counters;
    if (!counters || typeof counters !== 'object') return;
    this.windows++;
    for (const name of Object.keys(counters)) {
      const cell = counters[name];
      const totalMs =
        typeof cell?.totalMs === 'number' && Number.isFinite(cell.totalMs) ? cell.totalMs : 0;
      const count = typeof cell?.count === 'number' && Number.isFinite(cell.count) ? cell.count : 0;
      const t = this.totals.get(name) ?? { totalMs: 0, count: 0 };
      t.totalMs += totalMs;
      t.count += count;
      this.totals.set(name, t);
    }
  }

  /** The `n` timers with the most total time so far. */
  top(n: number): LiveCounter[] {
    return [...this.totals.entries()]
      .filter(([, t]) => t.totalMs > 0)
      .sort((a, b) => b[1].totalMs - a[1].totalMs)
      .slice(0, n)
      .map(([name, t]) => ({ name, totalMs: t.totalMs, count: t.count }));
  }
}
