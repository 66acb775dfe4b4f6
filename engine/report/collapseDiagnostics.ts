/**
 * Floods: one malformed dump format repeated 200,000 times gave 200,000 identical warnings
 * (28 MB). Diagnostics that say the same thing about the same file are one, placed at the first
 * occurrence, with the count in `repeats`.
 */
import type { EngineDiagnostic } from '../diagnostics';

/**
 * The diagnostics with repeats (same file, severity, message and expectation) folded into their
 * first.
 */
export function collapseRepeats(list: readonly EngineDiagnostic[]): EngineDiagnostic[] {
  const groups = new Map<string, { first: EngineDiagnostic; count: number }>();
  for (const d of list) {
    const key = `${d.severity}\0${d.file}\0${d.message}\0${d.expected ?? ''}`;
    const g = groups.get(key);
    if (g) g.count++;
    else groups.set(key, { first: d, count: 1 });
  }
  return [...groups.values()].map(({ first, count }) =>
    count === 1 ? first : { ...first, repeats: count },
  );
}
