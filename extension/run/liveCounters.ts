/**
 * The live top counters of a running run, from the dumps the runner parses as they appear.
 * Each dump is one window (the counters module clears after dumping), so the running total is
 * the sum of windows. Pure: no `vscode`.
 */
export interface LiveCounter {
  readonly name: string;
  readonly totalMs: number;
  readonly count: number;
}

interface DumpLike {
  readonly counters?: Readonly<
    Record<string, { readonly count?: unknown; readonly totalMs?: unknown }>
  >;
}

export class LiveCounters {
  private readonly totals = new Map<string, { totalMs: number; count: number }>();
  windows = 0;

  /** Add one dump (the runner's `dump` event payload; anything else is ignored). */
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

export function formatElapsed(ms: number): string {
  const s = Math.floor(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

export function formatTopCounters(top: readonly LiveCounter[]): string {
  return top
    .map(
      (c) =>
        `${c.name} ${c.totalMs >= 1000 ? `${(c.totalMs / 1000).toFixed(1)} s` : `${Math.round(c.totalMs)} ms`}`,
    )
    .join(' · ');
}
