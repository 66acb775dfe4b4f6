/**
 * Stable argsort of indices by float64 keys: an LSD radix sort on the keys' bits (4 passes of
 * 16 bits over the high and low words), O(n), no comparator calls. Written by hand because no
 * small library sorts an index permutation by typed keys; a comparator sort of 50,000 indices
 * spends most of its time in the callbacks (bench/function-table.ts).
 */

/** `indices` reordered so keys ascend (or descend); equal keys keep their input order. */
export function radixOrder(indices: Int32Array, keys: Float64Array, desc: boolean): Int32Array {
  const n = indices.length;
  // IEEE-754 bits made to compare as unsigned integers: negative numbers flip every bit,
  // positive ones only the sign bit. Descending flips the result again.
  const words = new Uint32Array(keys.buffer, keys.byteOffset, keys.length * 2);
  const hi = new Uint32Array(n);
  const lo = new Uint32Array(n);
  for (let j = 0; j < n; j++) {
    const i = indices[j];
    let h = words[2 * i + 1];
    let l = words[2 * i];
    if (h & 0x80000000) {
      h = ~h >>> 0;
      l = ~l >>> 0;
    } else h = (h | 0x80000000) >>> 0;
    if (desc) {
      h = ~h >>> 0;
      l = ~l >>> 0;
    }
    hi[j] = h;
    lo[j] = l;
  }
  let order = new Int32Array(n);
  for (let j = 0; j < n; j++) order[j] = j;
  let next = new Int32Array(n);
  const counts = new Uint32Array(65537);
  for (const [word, shift] of [
    [lo, 0],
    [lo, 16],
    [hi, 0],
    [hi, 16],
  ] as const) {
    counts.fill(0);
    for (let j = 0; j < n; j++) counts[((word[order[j]] >>> shift) & 0xffff) + 1]++;
    for (let d = 1; d <= 65536; d++) counts[d] += counts[d - 1];
    for (let j = 0; j < n; j++) next[counts[(word[order[j]] >>> shift) & 0xffff]++] = order[j];
    [order, next] = [next, order];
  }
  const out = new Int32Array(n);
  for (let j = 0; j < n; j++) out[j] = indices[order[j]];
  return out;
}
