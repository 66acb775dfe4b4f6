/**
 * A comparison as the editor's Compare view receives it (protocol/compareView.ts): plain JSON
 * (unbounded confidence limits become null), every metric with its cells as the Markdown
 * formatter writes them, and the Markdown itself for Copy as Markdown.
 */
import type { CompareData, CompareMetricRow } from '../../protocol/compareView';
import { exitCodeOf, failuresOf, type Comparison, type MetricComparison } from './compare';
import { functionsDiff } from './functionsDiff';
import { comparisonMarkdown, metricCells } from './markdown';

const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);

function rowOf(m: MetricComparison): CompareMetricRow {
  return {
    name: m.name,
    group: m.group,
    unit: m.unit,
    better: m.better,
    primary: m.primary,
    baseline: m.baseline,
    treatment: m.treatment,
    change: m.change,
    changePct: m.changePct,
    ci: [finite(m.ci[0]), finite(m.ci[1])],
    p: m.p,
    ...(m.q !== undefined ? { q: m.q } : {}),
    verdict: m.verdict,
    ...(m.basis !== undefined ? { basis: m.basis } : {}),
    cells: metricCells(m),
  };
}

export function compareData(
  c: Comparison,
  baselinePath: string,
  treatmentPath: string,
): CompareData {
  const side = (s: Comparison['correctness']['baseline']) => ({
    iterations: s.iterations,
    pass: s.pass,
    fail: s.fail,
    badExits: s.badExits,
  });
  return {
    baselinePath,
    treatmentPath,
    verdict: c.verdict,
    reason: c.reason,
    exitCode: exitCodeOf(c),
    alpha: c.alpha,
    familyAlpha: c.familyAlpha,
    threshold: c.threshold,
    iterations: c.iterations,
    correctness: {
      verdict: c.correctness.verdict,
      baseline: side(c.correctness.baseline),
      treatment: side(c.correctness.treatment),
      newFailures: failuresOf(c.correctness),
      unclearFailures: c.correctness.unclearFailures,
    },
    metrics: c.metrics.map(rowOf),
    functionDiff: functionsDiff(c.functions),
    warnings: c.warnings,
    diagnostics: c.diagnostics,
    ...(c.noise.excluded && c.noise.flagged.baseline.length + c.noise.flagged.treatment.length > 0
      ? { excluded: c.noise.flagged }
      : {}),
    markdown: comparisonMarkdown(c),
  };
}
