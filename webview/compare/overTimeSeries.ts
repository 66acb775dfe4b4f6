/**
 * The Compare view's charts over time (pure, unit-tested): several iterations, each with its own
 * x values (seconds since its start), aligned on one x axis for uPlot (null where an iteration
 * has no point), and machine.tsv's flagged rows turned into time spans to shade.
 */

/** Union of every iteration's x, sorted; each iteration's values placed at its own x, null elsewhere. */
export function alignIterations(
  xs: readonly (readonly number[])[],
  ys: readonly (readonly (number | null)[])[],
): [number[], ...(number | null)[][]] {
  const all = [...new Set(xs.flat())].sort((a, b) => a - b);
  const at = new Map(all.map((x, i) => [x, i]));
  const out = ys.map((y, k) => {
    const row = new Array<number | null>(all.length).fill(null);
    xs[k].forEach((x, i) => {
      row[at.get(x)!] = y[i] ?? null;
    });
    return row;
  });
  return [all, ...out];
}

/**
 * Flagged machine rows → [from, to] spans in seconds. A row covers the interval since the row
 * before it (the first row: one typical interval back, not before 0); neighbours merge.
 */
export function flaggedSpans(
  t: readonly number[],
  flagged: readonly boolean[],
): [number, number][] {
  const step = t.length > 1 ? t[1] - t[0] : 5;
  const spans: [number, number][] = [];
  t.forEach((end, i) => {
    if (!flagged[i]) return;
    const from = i > 0 ? t[i - 1] : Math.max(0, end - step);
    const last = spans[spans.length - 1];
    if (last && last[1] === from) last[1] = end;
    else spans.push([from, end]);
  });
  return spans;
}
