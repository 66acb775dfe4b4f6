/**
 * The order of an A/B's iterations. `alternate`: ABAB… so drift over time (a warming cache, a
 * thermal slope, a colleague's build) hits both sides alike. `random`: each pair runs AB or BA by
 * a seeded coin (mulberry32), so a periodic disturbance cannot line up with one side, and the
 * same seed gives the same order again.
 */
export type Side = 'baseline' | 'treatment';

/** mulberry32: a tiny, well-mixed 32-bit PRNG — enough for a coin per pair, and reproducible. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function iterationOrder(
  iterations: number,
  order: 'alternate' | 'random',
  seed = 1,
): Array<{ side: Side; index: number }> {
  const rnd = mulberry32(seed);
  const out: Array<{ side: Side; index: number }> = [];
  for (let i = 1; i <= iterations; i++) {
    const bFirst = order === 'alternate' || rnd() < 0.5;
    const pair: Side[] = bFirst ? ['baseline', 'treatment'] : ['treatment', 'baseline'];
    for (const side of pair) out.push({ side, index: i });
  }
  return out;
}
