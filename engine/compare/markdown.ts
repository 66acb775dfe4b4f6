/**
 * A comparison as GitHub-ready Markdown — the tables users write by hand
 * (`Metric | Baseline | Treatment | Δ | Δ% | CI | verdict`), the verdict line on top, every value
 * with its iteration count. `perflens compare --markdown` and the editor's Copy as Markdown print
 * this same text.
 */
import { Comparison, MetricComparison, fmtPct, fmtSigned } from './compare';

const cell = (s: string): string =>
  s
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/[\r\n]+/g, ' ');

function num(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const a = Math.abs(x);
  return a >= 1000
    ? Math.round(x).toLocaleString('en-US')
    : a >= 100
      ? x.toFixed(0)
      : a >= 10
        ? x.toFixed(1)
        : a >= 1
          ? x.toFixed(2)
          : x === 0
            ? '0'
            : x.toPrecision(2);
}

function row(m: MetricComparison): string {
  const unit = m.unit ? ` (${m.unit})` : '';
  const ci = !Number.isFinite(m.ci[0])
    ? 'too few iterations'
    : m.ciPct
      ? `${fmtPct(m.ciPct[0])} … ${fmtPct(m.ciPct[1])}`
      : `${fmtSigned(m.ci[0])} … ${fmtSigned(m.ci[1])}`;
  const stat =
    m.q !== undefined ? `q=${m.q.toPrecision(2)}` : m.p !== null ? `p=${m.p.toPrecision(2)}` : '';
  const needed =
    m.verdict === 'inconclusive' && m.needed ? `, needs n=${m.needed[0]}/${m.needed[1]}` : '';
  return `| ${cell(m.name + unit)} | ${num(m.baseline.median)} (n=${m.baseline.n}) | ${num(m.treatment.median)} (n=${m.treatment.n}) | ${fmtSigned(m.change)} | ${fmtPct(m.changePct)} | ${ci} | ${m.verdict} (${stat}${needed}) |`;
}

const HEAD =
  '| Metric | Baseline | Treatment | Δ | Δ% | CI | verdict |\n|---|---|---|---|---|---|---|';

export function comparisonMarkdown(c: Comparison, title = 'A/B comparison'): string {
  const out: string[] = [];
  out.push(`**${cell(title)}: ${c.verdict}** — ${cell(c.reason)}`);
  out.push('');
  const cb = c.correctness.baseline;
  const ct = c.correctness.treatment;
  out.push(
    `Correctness: baseline ${cb.pass} PASS / ${cb.fail} FAIL, ${cb.badExits} bad exit(s) in ${cb.iterations} iteration(s); ` +
      `treatment ${ct.pass} PASS / ${ct.fail} FAIL, ${ct.badExits} bad exit(s) in ${ct.iterations} iteration(s)` +
      (c.correctness.verdict === 'ok' ? ' — nothing new fails.' : ' — **new failures**:'),
  );
  for (const f of [...c.correctness.newFailures, ...c.correctness.newBadExits].slice(0, 10))
    out.push(`- ${cell(f)}`);
  out.push('');
  out.push(
    `Medians with iteration counts; Δ is the Hodges-Lehmann shift (treatment − baseline) with its ${Math.round((1 - c.alpha) * 100)} % interval; ` +
      `Mann-Whitney U at alpha ${c.alpha}; secondary metrics Benjamini-Hochberg-adjusted (q) as one family; changes under ${c.threshold * 100} % count as same.`,
  );
  for (const w of c.warnings) out.push(`\n> ⚠ ${cell(w)}`);
  if (c.gate.length > 0) {
    out.push('\n| Gate rule | result | detail |\n|---|---|---|');
    for (const g of c.gate) out.push(`| ${cell(g.rule)} | ${g.status} | ${cell(g.detail)} |`);
  }
  const primary = c.metrics.filter((m) => m.primary);
  const secondary = c.metrics.filter((m) => !m.primary);
  out.push('\n### Primary\n');
  out.push(HEAD);
  for (const m of primary) out.push(row(m));
  if (secondary.length > 0) {
    out.push(`\n### Secondary (${secondary.length} metrics)\n`);
    out.push(HEAD);
    for (const m of secondary) out.push(row(m));
  }
  const fns = c.functions.filter((f) => f.name.endsWith(':self')).slice(0, 15);
  if (fns.length > 0) {
    out.push('\n### Functions (self CPU, ms per second of wall-clock; biggest changes)\n');
    out.push(HEAD);
    for (const m of fns) out.push(row(m));
  }
  return `${out.join('\n')}\n`;
}
