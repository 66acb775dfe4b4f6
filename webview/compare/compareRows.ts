/**
 * The Compare view's table order (pure, unit-tested): which metric rows are shown, in what order.
 * Filtering matches the metric's name or its verdict; a group narrows to one kind of metric.
 * Sorting keeps the primary metrics on top unless the user sorts by something else than the
 * default, and puts rows without a value (no Δ%, no p) last whichever the direction (the rule
 * of every page's tables: ../logic/rowOrder.ts).
 */
import type { CompareMetricRow } from '../../protocol/compareView';
import { filterNeedle, sortByValue, type SortState, type SortValue } from '../logic/rowOrder';

export type CompareSortKey =
  'default' | 'name' | 'baseline' | 'treatment' | 'change' | 'changePct' | 'ci' | 'p' | 'verdict';

export type CompareSort = SortState<CompareSortKey>;

/** Worst first when sorted by verdict (descending): what a reviewer looks for. */
const VERDICT_RANK: Record<string, number> = {
  worse: 4,
  changed: 3,
  inconclusive: 2,
  better: 1,
  same: 0,
};

function sortValue(r: CompareMetricRow, key: CompareSortKey): SortValue {
  switch (key) {
    case 'name':
      return r.name.toLowerCase();
    case 'baseline':
      return r.baseline.median;
    case 'treatment':
      return r.treatment.median;
    case 'change':
      return r.change;
    case 'changePct':
      return r.changePct;
    case 'ci':
      // The interval's lower bound, relative to the baseline when it can be.
      return r.ci[0] === null
        ? null
        : r.baseline.median !== 0
          ? r.ci[0] / Math.abs(r.baseline.median)
          : r.ci[0];
    case 'p':
      return r.q ?? r.p;
    case 'verdict':
      return VERDICT_RANK[r.verdict] ?? -1;
    default:
      return null;
  }
}

export function compareRows(
  rows: readonly CompareMetricRow[],
  filter: string,
  group: string,
  sort: CompareSort,
): CompareMetricRow[] {
  const f = filterNeedle(filter);
  const shown = rows.filter(
    (r) =>
      (group === '' || r.group === group) &&
      (f === '' || r.name.toLowerCase().includes(f) || r.verdict.includes(f)),
  );
  if (sort.key === 'default') return sort.desc ? shown.reverse() : shown;
  return sortByValue(shown, (r) => sortValue(r, sort.key), sort.desc);
}

/** The groups present, in the order they first appear (primary metrics first). */
export function groupsOf(rows: readonly CompareMetricRow[]): string[] {
  return [...new Set(rows.map((r) => r.group))];
}
