/**
 * How the pages' sortable tables (the Counters tab, the Compare view's metrics) order and filter
 * their rows, so both behave alike. Sorting is by one column's value either way; rows without a
 * value (null, NaN, ±Infinity: a count-only counter's average, a metric with no Δ%) go last
 * whichever the direction, so flipping it never buries the rows that have one. Ties keep the
 * caller's tie-break, then the input order. Text compares by code unit: callers lower-case it
 * for a case-blind order. (The Functions tab sorts column arrays instead: functionOrder.ts.)
 */

export interface SortState<K extends string = string> {
  readonly key: K;
  readonly desc: boolean;
}

export type SortValue = number | string | null;

const missing = (v: SortValue): boolean =>
  v === null || (typeof v === 'number' && !Number.isFinite(v));

export function sortByValue<R>(
  rows: readonly R[],
  valueOf: (row: R) => SortValue,
  desc: boolean,
  tieBreak: (a: R, b: R) => number = () => 0,
): R[] {
  const dir = desc ? -1 : 1;
  return rows
    .map((row, i) => ({ row, i, v: valueOf(row) }))
    .sort((a, b) => {
      if (missing(a.v) || missing(b.v))
        return missing(a.v) && missing(b.v)
          ? tieBreak(a.row, b.row) || a.i - b.i
          : missing(a.v)
            ? 1
            : -1;
      const c = a.v! < b.v! ? -1 : a.v! > b.v! ? 1 : 0;
      return dir * c || tieBreak(a.row, b.row) || a.i - b.i;
    })
    .map((x) => x.row);
}

/** What a filter box's text matches: trimmed, lower-cased ('' matches everything). */
export function filterNeedle(filter: string): string {
  return filter.trim().toLowerCase();
}
