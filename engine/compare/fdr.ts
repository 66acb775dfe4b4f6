/**
 * Benjamini-Hochberg: adjusted p-values (q-values) controlling the false discovery rate over a
 * family of tests. A test is a discovery at level alpha when its q ≤ alpha. Same definition as
 * R's `p.adjust(method = "BH")` and scipy's `false_discovery_control`:
 * q_(i) = min over j ≥ i of p_(j) · k / j (sorted ascending, k tests), capped at 1.
 */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  const k = pValues.length;
  const order = pValues.map((p, i) => [p, i] as const).sort((a, b) => a[0] - b[0]);
  const q = new Array<number>(k);
  let running = 1;
  for (let r = k - 1; r >= 0; r--) {
    const [p, i] = order[r];
    running = Math.min(running, (p * k) / (r + 1));
    q[i] = running;
  }
  return q;
}
