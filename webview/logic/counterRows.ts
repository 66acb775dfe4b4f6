/**
 * The Counters tab's rows: the engine's per-process (or combined) rows, or — when a window is
 * picked on a chart — that one window's values, then filtered, sorted and grouped by family.
 */
import type { CounterData, CounterProcessRow, TimelineData } from '../../protocol/sourceData';
import { filterNeedle, sortByValue, type SortValue } from './rowOrder';

export type CounterSortKey =
  'name' | 'count' | 'unit' | 'totalMs' | 'avgMs' | 'maxMs' | 'perSec' | 'wallPct' | 'ofParent';

export interface CounterRowView extends CounterProcessRow {
  readonly avgMs: number | null;
  readonly perSec: number;
}

export interface FamilyGroup {
  readonly family: string;
  readonly totalMs: number;
  readonly rows: readonly CounterRowView[];
}

export function rowsFor(
  c: CounterData,
  process: number,
  timeline: TimelineData | undefined,
  window: { process: number; index: number } | undefined,
): CounterRowView[] {
  if (window && timeline) {
    const s = timeline.counters.find((x) => x.process === window.process);
    if (s && window.index < s.timesMs.length) {
      const i = window.index;
      const lengthMs = c.dumpIntervalMs;
      const base = c.rows.filter((r) => r.process === window.process);
      return base
        .map((r) => {
          const count = s.counts[r.name]?.[i] ?? 0;
          const totalMs = s.totalMs[r.name]?.[i] ?? 0;
          return view(
            {
              ...r,
              count,
              totalMs,
              maxMs: NaN,
              windows: count > 0 ? 1 : 0,
              wallPct: r.kind === 'timer' ? (totalMs / lengthMs) * 100 : null,
              ofParentPct: undefined,
              perParentCall: undefined,
            },
            lengthMs,
          );
        })
        .filter((r) => r.count > 0);
    }
  }
  // Rates over the run's wall-clock for all processes (as the copied and CLI tables have them).
  const wall = process === -1 ? c.wallClockMs : (c.processes[process]?.wallClockMs ?? 0);
  return c.rows.filter((r) => r.process === process).map((r) => view(r, wall));
}

function view(r: CounterProcessRow, wallMs: number): CounterRowView {
  return {
    ...r,
    avgMs: r.kind === 'timer' && r.count > 0 ? r.totalMs / r.count : null,
    perSec: wallMs > 0 ? r.count / (wallMs / 1000) : 0,
  };
}

/** A window's rows have no max (NaN): like a missing value, they sort last (rowOrder.ts). */
function sortValue(r: CounterRowView, key: CounterSortKey): SortValue {
  switch (key) {
    case 'name':
      return r.name.toLowerCase();
    case 'unit':
      return r.unit ?? (r.kind === 'timer' ? 'calls' : '');
    case 'ofParent':
      return r.ofParentPct ?? r.perParentCall ?? null;
    default:
      return r[key];
  }
}

/** Ties by name, A→Z in either direction. */
export function sortRows(
  rows: readonly CounterRowView[],
  key: CounterSortKey,
  desc: boolean,
): CounterRowView[] {
  return sortByValue(
    rows,
    (r) => sortValue(r, key),
    desc,
    (a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
  );
}

export function filterRows(rows: readonly CounterRowView[], filter: string): CounterRowView[] {
  const needle = filterNeedle(filter);
  return needle ? rows.filter((r) => r.name.toLowerCase().includes(needle)) : [...rows];
}

/**
 * Families in the order of their best row under the current sort; inside a family a timer's
 * parts follow it (the parent first, then its children in sort order), so the breakdown reads
 * top-down.
 */
export function groupRows(sorted: readonly CounterRowView[]): FamilyGroup[] {
  const groups = new Map<string, CounterRowView[]>();
  const familyOf = (r: CounterRowView): string => {
    // A timer with parts heads its own family, with them.
    if (sorted.some((x) => x.parent === r.name)) return r.name;
    return r.parent ?? r.family;
  };
  for (const r of sorted) {
    const f = familyOf(r) || '(no family)';
    const list = groups.get(f) ?? [];
    list.push(r);
    groups.set(f, list);
  }
  return [...groups].map(([family, rows]) => {
    const head = rows.filter((r) => r.name === family);
    const rest = rows.filter((r) => r.name !== family);
    return {
      family,
      totalMs: head.length
        ? head[0].totalMs
        : rows.filter((r) => r.kind === 'timer').reduce((a, r) => a + r.totalMs, 0),
      rows: [...head, ...rest],
    };
  });
}
