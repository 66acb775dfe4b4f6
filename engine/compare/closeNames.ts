/**
 * The metric ids closest to a mistyped one, for the usage error of a `--gate` rule that names a
 * metric neither side measured. Edit distance (Levenshtein) written by hand: it is ten lines, and
 * no spelling-suggestion package is among the dependencies.
 */

export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++)
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length];
}

/**
 * Up to `max` names close to `wanted`: those within a third of its length in edits (at least 3),
 * or containing the part after its kind (`counter:putEntry:total` finds
 * `counter:orbitdb.putEntry:total`), nearest first.
 */
export function closeNames(wanted: string, names: Iterable<string>, max = 5): string[] {
  const limit = Math.max(3, Math.floor(wanted.length / 3));
  const parts = wanted
    .toLowerCase()
    .split(':')
    .filter((p) => p.length >= 3);
  const scored: Array<[string, number]> = [];
  for (const n of names) {
    const d = editDistance(wanted.toLowerCase(), n.toLowerCase());
    const contains = parts.length > 1 && parts.slice(1).every((p) => n.toLowerCase().includes(p));
    if (d <= limit || contains) scored.push([n, contains ? Math.min(d, limit) : d]);
  }
  return scored
    .sort((x, y) => x[1] - y[1] || x[0].localeCompare(y[0]))
    .slice(0, max)
    .map(([n]) => n);
}
