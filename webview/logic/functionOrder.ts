/**
 * The Functions tab's rows: filter by name or file, then sort by a column — over column arrays
 * and an index permutation, so 50,000 functions sort without building row objects
 * (bench/function-table.ts measures it against a 50 ms budget).
 */
import type { FunctionData } from '../../protocol/sourceData';
import { radixOrder } from './radixOrder';
import { stringOrder } from './stringOrder';
import { filterNeedle } from './rowOrder';

export type FunctionSortKey =
  'name' | 'file' | 'self' | 'selfPct' | 'total' | 'totalPct' | 'samples';

interface Lowered {
  names?: string[];
  files?: string[];
  /** Each row's rank by name / by file (A→Z), filled on the first text sort. */
  nameRank?: Int32Array;
  fileRank?: Int32Array;
}

/**
 * Lower-cased names and files, each computed once per data set when first needed (a name sort
 * needs only the names; a filter needs both), and reused by filters and text sorts.
 */
const lowered = new WeakMap<FunctionData, Lowered>();
function lowerOf(f: FunctionData): Lowered {
  let l = lowered.get(f);
  if (!l) lowered.set(f, (l = {}));
  return l;
}
const lowNames = (f: FunctionData, l: Lowered): string[] =>
  (l.names ??= f.names.map((x) => x.toLowerCase()));
const lowFiles = (f: FunctionData, l: Lowered): string[] =>
  (l.files ??= f.files.map((x) => (x ?? '').toLowerCase()));

/** Ranks of strings A→Z (equal strings share a rank), so later text sorts are counting sorts. */
function rankOf(text: readonly string[]): Int32Array {
  const order = stringOrder(text);
  const rank = new Int32Array(text.length);
  for (let r = 0, k = 0; k < order.length; k++) {
    if (k > 0 && text[order[k]] !== text[order[k - 1]]) r = k;
    rank[order[k]] = r;
  }
  return rank;
}

/**
 * Lower-cases and ranks names and files ahead of time (the page calls it when data arrives and
 * the browser is idle), so the user's first name or file sort is as fast as later ones.
 */
export function prepareFunctionOrder(f: FunctionData): void {
  const low = lowerOf(f);
  low.nameRank ??= rankOf(lowNames(f, low));
  low.fileRank ??= rankOf(lowFiles(f, low));
}

export function functionOrder(
  f: FunctionData,
  filter: string,
  key: FunctionSortKey,
  desc: boolean,
): Int32Array {
  const n = f.names.length;
  const needle = filterNeedle(filter);
  const low = lowerOf(f);
  const picked = new Int32Array(n);
  let m = 0;
  if (needle === '') for (let i = 0; i < n; i++) picked[m++] = i;
  else {
    const names = lowNames(f, low);
    const files = lowFiles(f, low);
    for (let i = 0; i < n; i++)
      if (names[i].includes(needle) || files[i].includes(needle)) picked[m++] = i;
  }
  const out = picked.slice(0, m);
  // Costs in ms, bytes or events, else sample counts (evented profiles have none: their costs).
  const ms = f.unit !== 'samples' || f.totalSamples === null;
  const num: readonly (number | null)[] | undefined =
    key === 'self'
      ? ms
        ? f.selfCost
        : f.selfSamples
      : key === 'selfPct'
        ? f.selfPct
        : key === 'total'
          ? ms
            ? f.totalCost
            : f.totalSamplesOf
          : key === 'totalPct'
            ? f.totalPct
            : key === 'samples'
              ? f.selfSamples
              : undefined;
  if (num) {
    // Radix order: stable, so ties keep the engine's order (self time descending).
    const k = new Float64Array(n);
    for (let i = 0; i < n; i++) k[i] = (num[i] ?? -Infinity) + 0; // + 0 turns −0 into 0
    return radixOrder(out, k, desc);
  }
  const rank =
    key === 'name'
      ? (low.nameRank ??= rankOf(lowNames(f, low)))
      : (low.fileRank ??= rankOf(lowFiles(f, low)));
  return rankOrder(out, rank, desc);
}

/**
 * `indices` ordered by integer ranks in [0, n): one stable counting sort (ties keep their input
 * order, as `radixOrder` does), a single pass where the float radix sort needs four.
 */
function rankOrder(indices: Int32Array, rank: Int32Array, desc: boolean): Int32Array {
  const n = rank.length;
  const key = (i: number): number => (desc ? n - 1 - rank[i] : rank[i]);
  const starts = new Int32Array(n + 1);
  for (let j = 0; j < indices.length; j++) starts[key(indices[j]) + 1]++;
  for (let r = 1; r <= n; r++) starts[r] += starts[r - 1];
  const out = new Int32Array(indices.length);
  for (let j = 0; j < indices.length; j++) out[starts[key(indices[j])]++] = indices[j];
  return out;
}
