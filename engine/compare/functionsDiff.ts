/**
 * The functions diff: from a comparison's function metrics (CPU ms per second of wall-clock,
 * matched by name and file, so a function that moved lines is the same function), the biggest
 * regressions (more CPU per second in the treatment) and improvements, in self and in total CPU.
 * Ranked by the Hodges-Lehmann shift over iterations; each row keeps its verdict, so a change the
 * statistics cannot tell from noise says `same` or `inconclusive` beside its size.
 */
import type { FunctionDiff, FunctionDiffRow } from '../../protocol/compareView';
import type { MetricComparison } from './compare';
import { metricCells } from './markdown';

/** `function:<name> (<file>):self|total` → its parts (a name may hold parentheses itself). */
export function parseFunctionMetric(
  id: string,
): { name: string; file: string; kind: 'self' | 'total' } | undefined {
  const m = /^function:(.*?)(?: \(([^()]*)\))?:(self|total)$/.exec(id);
  return m ? { name: m[1], file: m[2] ?? '', kind: m[3] as 'self' | 'total' } : undefined;
}

function rowOf(m: MetricComparison): FunctionDiffRow | undefined {
  const id = parseFunctionMetric(m.name);
  if (!id) return undefined;
  const cells = metricCells(m);
  return {
    name: id.name,
    file: id.file,
    kind: id.kind,
    baseline: m.baseline.median,
    treatment: m.treatment.median,
    n: [m.baseline.n, m.treatment.n],
    change: m.change,
    changePct: m.changePct,
    verdict: m.verdict,
    cells: { change: cells.change, changePct: cells.changePct, verdict: cells.verdict },
  };
}

export function functionsDiff(functions: readonly MetricComparison[], top = 15): FunctionDiff {
  const rows = functions.map(rowOf).filter((r): r is FunctionDiffRow => r !== undefined);
  const pick = (kind: 'self' | 'total') => {
    const of = rows.filter((r) => r.kind === kind);
    const byName = (a: FunctionDiffRow, b: FunctionDiffRow): number =>
      a.name.localeCompare(b.name) || a.file.localeCompare(b.file);
    return {
      regressions: of
        .filter((r) => r.change > 0)
        .sort((a, b) => b.change - a.change || byName(a, b))
        .slice(0, top),
      improvements: of
        .filter((r) => r.change < 0)
        .sort((a, b) => a.change - b.change || byName(a, b))
        .slice(0, top),
    };
  };
  return { self: pick('self'), total: pick('total') };
}
