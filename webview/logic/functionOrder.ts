/**
 * The Functions tab's rows: filter by name or file, then sort by a column — over column arrays
 * and an index permutation, so 50,000 functions sort without building row objects
 * (bench/function-table.ts measures it against a 50 ms budget).
 */
import type { FunctionData } from '../../protocol/sourceData';
import { radixOrder } from './radixOrder';

export type FunctionSortKey =
  'name' | 'file' | 'self' | 'selfPct' | 'total' | 'totalPct' | 'samples';

interface Lowered {
  readonly names: string[];
  readonly files: string[];
  /** Each row's rank by name / by file (A→Z), filled on the first text sort. */
  nameRank?: Float64Array;
  fileRank?: Float64Array;
}

/** Lower-cased names and files, computed once per data set (filters and text sorts reuse them). */
const lowered = new WeakMap<FunctionData, Lowered>();
function lowerOf(f: FunctionData): Lowered {
  let l = lowered.get(f);
  if (!l) {
    l = {
      names: f.names.map((x) => x.toLowerCase()),
      files: f.files.map((x) => (x ?? '').toLowerCase()),
    };
    lowered.set(f, l);
  }
  return l;
}

/** Ranks of strings A→Z (equal strings share a rank), so later text sorts are radix sorts. */
function rankOf(text: readonly string[]): Float64Array {
  const idx = text.map((_, i) => i);
  idx.sort((a, b) => (text[a] < text[b] ? -1 : text[a] > text[b] ? 1 : 0));
  const rank = new Float64Array(text.length);
  for (let r = 0, k = 0; k < idx.length; k++) {
    if (k > 0 && text[idx[k]] !== text[idx[k - 1]]) r = k;
    rank[idx[k]] = r;
  }
  return rank;
}

/**
 * Lower-cases and ranks names and files ahead of time (the page calls it when data arrives and
 * the browser is idle), so the user's first name or file sort is as fast as later ones.
 */
export function prepareFunctionOrder(f: FunctionData): void {
  const low = lowerOf(f);
  low.nameRank ??= rankOf(low.names);
  low.fileRank ??= rankOf(low.files);
}

export function functionOrder(
  f: FunctionData,
  filter: string,
  key: FunctionSortKey,
  desc: boolean,
): Int32Array {
  const n = f.names.length;
  const needle = filter.trim().toLowerCase();
  const low = lowerOf(f);
  const picked = new Int32Array(n);
  let m = 0;
  for (let i = 0; i < n; i++) {
    if (needle === '' || low.names[i].includes(needle) || low.files[i].includes(needle))
      picked[m++] = i;
  }
  const out = picked.slice(0, m);
  const ms = f.unit !== 'samples'; // costs in ms, bytes or events, else sample counts
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
    key === 'name' ? (low.nameRank ??= rankOf(low.names)) : (low.fileRank ??= rankOf(low.files));
  return radixOrder(out, rank, desc);
}
