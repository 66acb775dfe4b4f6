/**
 * Sorting 50,000 strings A→Z (UTF-16 order, as `<`) for the Functions tab's first name or file
 * sort: a multikey quicksort (Bentley & Sedgewick, "Fast algorithms for sorting and searching
 * strings", 1997) over an index permutation. It partitions on one character at a time and never
 * compares a shared prefix twice (profile names share long ones: `module12.fn…`), with no
 * comparator calls; `Array.prototype.sort` with a comparator, or `Intl.Collator`, spends most of
 * its time in the callbacks (bench/function-table.ts). Written by hand: no small library sorts an
 * index permutation of strings.
 */

const SMALL = 12;

/** Indices of `text` ordered A→Z; equal strings in no particular order. */
export function stringOrder(text: readonly string[]): Int32Array {
  const n = text.length;
  const idx = new Int32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  const stack: number[] = [0, n, 0];
  while (stack.length > 0) {
    const d = stack.pop()!;
    const hi = stack.pop()!;
    const lo = stack.pop()!;
    if (hi - lo < 2) continue;
    if (hi - lo < SMALL) {
      // Insertion sort of a short range (whole-string comparison: the prefix is equal anyway).
      for (let i = lo + 1; i < hi; i++) {
        const v = idx[i];
        const sv = text[v];
        let j = i - 1;
        while (j >= lo && text[idx[j]] > sv) {
          idx[j + 1] = idx[j];
          j--;
        }
        idx[j + 1] = v;
      }
      continue;
    }
    // Three-way partition on the character at depth d (-1 past the end: shorter sorts first).
    const ps = text[idx[lo + ((hi - lo) >> 1)]];
    const pivot = d < ps.length ? ps.charCodeAt(d) : -1;
    let lt = lo;
    let gt = hi - 1;
    let i = lo;
    while (i <= gt) {
      const str = text[idx[i]];
      const c = d < str.length ? str.charCodeAt(d) : -1;
      if (c < pivot) {
        const t = idx[lt];
        idx[lt++] = idx[i];
        idx[i++] = t;
      } else if (c > pivot) {
        const t = idx[gt];
        idx[gt--] = idx[i];
        idx[i] = t;
      } else i++;
    }
    stack.push(lo, lt, d, gt + 1, hi, d);
    // The equal part goes on with the next character (unless its strings all ended here).
    if (pivot >= 0) stack.push(lt, gt + 1, d + 1);
  }
  return idx;
}
