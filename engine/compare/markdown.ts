/**
 * A comparison as GitHub-ready Markdown — the tables users write by hand
 * (`Metric | Baseline | Treatment | Δ | Δ% | CI | verdict`), the verdict line on top, every value
 * with its iteration count. `perflens compare --markdown` and the editor's Copy as Markdown print
 * this same text; the tables go through the one formatter (engine/format/markdownTable.ts), so
 * names are escaped and numbers right-aligned as in every other copied table.
 */
import type { CompareCells } from '../../protocol/compareView';
import type { Cell, MarkdownTable } from '../../protocol/webview';
import { formatSignedPct, formatSigned, formatSignificant } from '../../protocol/format';
import { formatDiagnostic } from '../../protocol/diagnostics';
import { escapeLine, markdownGrid } from '../format/markdownTable';
import { Comparison, MetricComparison, failuresOf } from './compare';

const METRIC_COLUMNS: MarkdownTable['columns'] = [
  { label: 'Metric', numeric: false },
  { label: 'Baseline', numeric: true },
  { label: 'Treatment', numeric: true },
  { label: 'Δ', numeric: true },
  { label: 'Δ%', numeric: true },
  { label: 'CI', numeric: false },
  { label: 'verdict', numeric: false },
];

const GATE_COLUMNS: MarkdownTable['columns'] = [
  { label: 'Gate rule', numeric: false },
  { label: 'result', numeric: false },
  { label: 'detail', numeric: false },
];

/** One metric's cells as text — the table row of the Markdown and of the editor's Compare view. */
export function metricCells(m: MetricComparison): CompareCells {
  const unit = m.unit ? ` (${m.unit})` : '';
  const ci = !Number.isFinite(m.ci[0])
    ? 'too few iterations'
    : m.ciPct
      ? `${formatSignedPct(m.ciPct[0])} … ${formatSignedPct(m.ciPct[1])}`
      : `${formatSigned(m.ci[0])} … ${formatSigned(m.ci[1])}`;
  const stat =
    m.q !== undefined ? `q=${m.q.toPrecision(2)}` : m.p !== null ? `p=${m.p.toPrecision(2)}` : '';
  const needed =
    m.verdict === 'inconclusive' && m.needed ? `, needs n=${m.needed[0]}/${m.needed[1]}` : '';
  const resolution = m.resolution?.limited
    ? `, within bucket resolution: the change could be ${formatSigned(m.resolution.low)} … ${formatSigned(m.resolution.high)} ${m.unit}`
    : '';
  return {
    metric: m.name + unit + (m.basis ? ` — ${m.basis}` : ''),
    baseline: `${formatSignificant(m.baseline.median)} (n=${m.baseline.n})`,
    treatment: `${formatSignificant(m.treatment.median)} (n=${m.treatment.n})`,
    change: formatSigned(m.change),
    changePct: formatSignedPct(m.changePct),
    ci,
    verdict: `${m.verdict} (${stat}${needed}${resolution})`,
  };
}

function metricRow(m: MetricComparison): Cell[] {
  const c = metricCells(m);
  return [c.metric, c.baseline, c.treatment, c.change, c.changePct, c.ci, c.verdict];
}

function metricSection(title: string, metrics: readonly MetricComparison[]): string[] {
  return [`\n### ${escapeLine(title)}\n`, ...markdownGrid(METRIC_COLUMNS, metrics.map(metricRow))];
}

function correctnessLines(c: Comparison): string[] {
  const cb = c.correctness.baseline;
  const ct = c.correctness.treatment;
  const side = (name: string, s: typeof cb): string =>
    `${name} ${s.pass} PASS / ${s.fail} FAIL, ${s.badExits} bad exit(s) ` +
    `in ${s.iterations} iteration(s)`;
  const verdict =
    c.correctness.verdict === 'ok'
      ? ' — nothing new fails.'
      : c.correctness.verdict === 'inconclusive'
        ? ' — **fails more often, too few iterations to tell**:'
        : ' — **new failures**:';
  const failures = [...failuresOf(c.correctness), ...c.correctness.unclearFailures].slice(0, 10);
  return [
    `Correctness: ${side('baseline', cb)}; ${side('treatment', ct)}${verdict}`,
    ...failures.map((f) => `- ${escapeLine(f)}`),
  ];
}

/** A short list of what was wrong in the input files, in the form compilers print. */
function problemLines(c: Comparison): string[] {
  if (c.diagnostics.length === 0) return [];
  const shown = c.diagnostics.slice(0, 10).map((d) => `- ${escapeLine(formatDiagnostic(d))}`);
  const more = c.diagnostics.length - shown.length;
  return [
    '',
    `Input problems (${c.diagnostics.length}):`,
    ...shown,
    ...(more > 0 ? [`- … and ${more} more (all in \`--json\` and on stderr)`] : []),
  ];
}

/** Why the family's level is not alpha, when it is not (`--strict-family`). */
export function familyNote(c: Pick<Comparison, 'alpha' | 'familyAlpha'>): string {
  return c.familyAlpha < c.alpha ? " (what the primary's exact test leaves of alpha)" : '';
}

/** How to read the tables: what Δ, the interval, the test and the threshold are. */
function basisLine(c: Comparison): string {
  const interval = Math.round((1 - c.alpha) * 100);
  return (
    `Medians with iteration counts; Δ is the Hodges-Lehmann shift (treatment − baseline) with ` +
    `its ${interval} % interval; Mann-Whitney U at alpha ${c.alpha}; secondary metrics ` +
    `Benjamini-Hochberg-adjusted (q) as one family, flagged at q ≤ ` +
    `${+c.familyAlpha.toPrecision(2)}${familyNote(c)}; changes ` +
    `under ${c.threshold * 100} % count as same.`
  );
}

export function comparisonMarkdown(c: Comparison, title = 'A/B comparison'): string {
  const out: string[] = [`**${escapeLine(title)}: ${c.verdict}** — ${escapeLine(c.reason)}`, ''];
  out.push(...correctnessLines(c), '', basisLine(c));
  for (const w of c.warnings) out.push(`\n> ⚠ ${escapeLine(w)}`);
  out.push(...problemLines(c));
  if (c.gate.length > 0) {
    const gateRows = c.gate.map((g): Cell[] => [g.rule, g.status, g.detail]);
    out.push('', ...markdownGrid(GATE_COLUMNS, gateRows));
  }
  const primary = c.metrics.filter((m) => m.primary);
  const secondary = c.metrics.filter((m) => !m.primary);
  out.push(...metricSection('Primary', primary));
  if (secondary.length > 0)
    out.push(...metricSection(`Secondary (${secondary.length} metrics)`, secondary));
  // Self CPU says where the time is spent, total CPU which call paths grew: both, as in the view.
  for (const kind of ['self', 'total'] as const) {
    const fns = c.functions.filter((f) => f.name.endsWith(`:${kind}`)).slice(0, 15);
    if (fns.length > 0)
      out.push(
        ...metricSection(
          `Functions (${kind} CPU, ms per second of wall-clock; biggest changes)`,
          fns,
        ),
      );
  }
  return `${out.join('\n')}\n`;
}
