/**
 * The problems found in both sides' files, for the comparison to carry and every face to show:
 * the baseline's iterations first, then the treatment's, each file's own in the order found.
 * A file with garbage on every line would bury the rest, so at most `perFile` of one file are
 * kept, followed by one warning that counts what was left out.
 */
import { warningAt, type EngineDiagnostic } from '../diagnostics';
import type { IterationMetrics } from './metricTypes';

export function inputProblems(
  sides: readonly (readonly IterationMetrics[])[],
  perFile = 20,
): EngineDiagnostic[] {
  const byFile = new Map<string, EngineDiagnostic[]>();
  for (const its of sides)
    for (const it of its)
      for (const d of it.problems) {
        const list = byFile.get(d.file) ?? [];
        list.push(d);
        byFile.set(d.file, list);
      }
  const out: EngineDiagnostic[] = [];
  for (const [file, list] of byFile) {
    out.push(...list.slice(0, perFile));
    if (list.length > perFile)
      out.push(warningAt(file, `${list.length - perFile} more problems in this file not shown`));
  }
  return out;
}
