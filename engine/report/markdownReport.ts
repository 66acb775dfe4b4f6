/**
 * `perflens report <path> --markdown`: the panel's Summary, Counters and Functions tabs as
 * GitHub tables, from the same SourceData the panel draws and through the same formatter
 * (markdown.ts) its "Copy as Markdown" uses.
 */
import type { Cell, MarkdownTable } from '../../protocol/webview';
import type { CounterProcessRow, SourceData } from '../../protocol/sourceData';
import { formatNumber, markdownDocument } from './markdown';

/** What a profile's costs are counted in: `ms`, `bytes`, or the callgrind event's name. */
const costUnitOf = (f: { unit: string; weightLabel?: string }): string =>
  f.unit === 'ms' ? 'ms' : f.unit === 'bytes' ? 'bytes' : (f.weightLabel ?? 'events');

const seconds = (ms: number): string => `${formatNumber(ms / 1000, 1)} s`;

/** The line every table of a source starts with: what it is and what it rests on. */
export function sourceLine(d: Omit<SourceData, 'basis'>): string {
  const parts = [`Source: ${d.path} (${d.input})`];
  if (d.counters) {
    const windows = d.counters.processes.reduce((a, p) => a + p.windows, 0);
    parts.push(
      `${windows} counter window(s) from ${d.counters.processes.length} process(es), dumps every ${formatNumber(d.counters.dumpIntervalMs, 0)} ms`,
    );
  }
  if (d.functions)
    parts.push(
      `${formatNumber(d.functions.totalSamples, 0)} CPU samples${d.functions.totalMs !== null ? ` over ${formatNumber(d.functions.totalMs, 1)} ms profiled` : ''} in ${d.functions.profiles.length} profile(s)`,
    );
  return parts.join('; ');
}

export function summaryTable(d: SourceData): MarkdownTable {
  const s = d.summary;
  const rows: Cell[][] = [['What ran', s.command ?? d.path]];
  if (s.startTime) rows.push(['Started', s.startTime]);
  if (s.durationMs !== undefined)
    rows.push(['Duration', `${seconds(s.durationMs)} (${s.durationBasis ?? ''})`]);
  rows.push(['Exit status', s.exitStatus ?? 'not recorded']);
  if (s.assertions)
    rows.push(['Assertions', `${s.assertions.pass} PASS, ${s.assertions.fail} FAIL`]);
  if (s.missing.length) rows.push(['Missing files', s.missing.join(', ')]);
  rows.push(['Warnings', String(d.warnings.length)]);
  return {
    title: `PerfLens summary: ${d.title}`,
    context: [d.basis],
    columns: [
      { label: 'Fact', numeric: false },
      { label: 'Value', numeric: false },
    ],
    rows,
    notes: (s.assertions?.failures ?? []).map((f) => `FAIL at ${f.file}:${f.line}: ${f.text}`),
  };
}

/** The counter table for one process, or all processes combined (`process` -1). */
export function counterTable(d: SourceData, process: number, top = Infinity): MarkdownTable {
  const c = d.counters!;
  const rows = c.rows.filter((r) => r.process === process).slice(0, top);
  const procName = process === -1 ? 'all processes' : c.processes[process].name;
  const n = c.processes.length;
  const wallLabel =
    process === -1 && n > 1 ? `% of wall (summed over ${n} processes)` : '% of wall';
  const wallOf = process === -1 ? undefined : c.processes[process].wallClockMs;
  const notes = [
    process === -1 && n > 1
      ? `% of wall: each process's counter time ÷ that process's wall-clock (${c.processes.map((p) => `${p.name} ${seconds(p.wallClockMs)}`).join(', ')}, from ${c.wallClockBasis}), summed over ${n} processes, so it can pass 100 %.`
      : `% of wall: total ms ÷ the process's wall-clock of ${seconds(wallOf ?? c.processes[0].wallClockMs)} (${c.wallClockBasis}); overlapping async calls can pass 100 %.`,
    'Counts of incr-only counters are quantities in their unit; "of parent" is the share of the enclosing timer\'s time (or, for counts, per call of it).',
  ];
  return {
    title: `Counters: ${procName}`,
    context: [d.basis],
    columns: [
      { label: 'Counter', numeric: false },
      { label: 'Count', numeric: true },
      { label: 'Unit', numeric: false },
      { label: 'Total ms', numeric: true },
      { label: 'Avg ms', numeric: true },
      { label: 'Max ms', numeric: true },
      { label: wallLabel, numeric: true },
      { label: 'Of parent', numeric: false },
    ],
    rows: rows.map(counterCells),
    notes,
  };
}

export function counterCells(r: CounterProcessRow): Cell[] {
  const timer = r.kind === 'timer';
  return [
    r.name,
    r.count,
    r.unit ?? (timer ? 'calls' : null),
    timer ? r.totalMs : null,
    timer && r.count > 0 ? r.totalMs / r.count : null,
    timer ? r.maxMs : null,
    r.wallPct,
    r.parent === undefined
      ? null
      : r.ofParentPct !== undefined
        ? `${formatNumber(r.ofParentPct, 1)} % of ${r.parent}`
        : `${formatNumber(r.perParentCall ?? 0, 2)} per ${r.parent} call`,
  ];
}

export function functionTable(
  d: SourceData,
  top = Infinity,
  order?: readonly number[],
): MarkdownTable {
  const f = d.functions!;
  const ms = f.unit !== 'samples'; // costs in ms, bytes or events, else sample counts
  const idx = (order ?? f.names.map((_, i) => i)).slice(0, top);
  return {
    title: 'Functions by self CPU time',
    context: [d.basis],
    columns: [
      { label: 'Function', numeric: false },
      { label: 'File:line', numeric: false },
      { label: ms ? `Self ${costUnitOf(f)}` : 'Self samples', numeric: true },
      { label: 'Self %', numeric: true },
      { label: ms ? `Total ${costUnitOf(f)}` : 'Total samples', numeric: true },
      { label: 'Total %', numeric: true },
      { label: 'Samples', numeric: true },
    ],
    rows: idx.map((i) => functionCells(d, i)),
    notes: [
      `% of all ${formatNumber(f.totalSamples, 0)} CPU samples${f.profiles.length > 1 ? `, ${f.profiles.length} profiles merged` : ''}; total counts recursion once; Samples = self samples.`,
    ],
  };
}

export function functionCells(d: SourceData, i: number): Cell[] {
  const f = d.functions!;
  const ms = f.unit !== 'samples'; // costs in ms, bytes or events, else sample counts
  const file = f.files[i];
  return [
    f.names[i],
    file ? `${file}${f.lines[i] !== null ? `:${f.lines[i]}` : ''}` : null,
    ms ? f.selfCost[i] : f.selfSamples[i],
    f.selfPct[i],
    ms ? f.totalCost[i] : f.totalSamplesOf[i],
    f.totalPct[i],
    f.selfSamples[i],
  ];
}

/** The whole report as Markdown: summary, counters (all processes, then each), functions. */
export function markdownReport(d: SourceData, top = 20): string {
  const tables: MarkdownTable[] = [summaryTable(d)];
  if (d.counters) {
    tables.push(counterTable(d, -1, top));
    if (d.counters.processes.length > 1)
      d.counters.processes.forEach((_, i) => tables.push(counterTable(d, i, top)));
  }
  if (d.functions) tables.push(functionTable(d, top));
  return markdownDocument(tables);
}
