/**
 * `perflens report <path> --markdown`: the panel's Summary, Counters and Functions tabs as
 * GitHub tables, from the same SourceData the panel draws, the same columns
 * (protocol/markdownTables.ts) and the same formatter (engine/format/markdownTable.ts) its
 * "Copy as Markdown" uses.
 */
import type { Cell, MarkdownTable } from '../../protocol/webview';
import type { SourceData } from '../../protocol/sourceData';
import { formatNumber, formatSeconds as seconds } from '../../protocol/format';
import { counterTable, functionTable } from '../../protocol/markdownTables';
import { markdownDocument } from '../format/markdownTable';

/** The line every table of a source starts with: what it is and what it rests on. */
export function sourceLine(d: Omit<SourceData, 'basis'>): string {
  const parts = [`Source: ${d.path} (${d.input})`];
  if (d.counters) {
    const windows = d.counters.processes.reduce((a, p) => a + p.windows, 0);
    parts.push(
      `${windows} counter window(s) from ${d.counters.processes.length} process(es), dumps ` +
        `every ${formatNumber(d.counters.dumpIntervalMs, 0)} ms`,
    );
  }
  if (d.functions)
    parts.push(
      `${d.functions.totalSamples !== null ? `${formatNumber(d.functions.totalSamples, 0)} CPU samples` : d.functions.unit === 'bytes' || d.functions.unit === 'events' ? 'no sample count' : 'evented profile (no samples)'}${d.functions.totalMs !== null ? ` over ${formatNumber(d.functions.totalMs, 1)} ms profiled` : ''} in ${d.functions.profiles.length} profile(s)`,
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
export function processCounterTable(d: SourceData, process: number, top = Infinity): MarkdownTable {
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
    'Counts of incr-only counters are quantities in their unit; "of parent" is the share of ' +
      "the enclosing timer's time (or, for counts, per call of it).",
  ];
  return counterTable(d, `Counters: ${procName}`, rows, wallLabel, notes);
}

/** The whole report as Markdown: summary, counters (all processes, then each), functions. */
export function markdownReport(d: SourceData, top = 20): string {
  const tables: MarkdownTable[] = [summaryTable(d)];
  if (d.counters) {
    tables.push(processCounterTable(d, -1, top));
    if (d.counters.processes.length > 1)
      d.counters.processes.forEach((_, i) => tables.push(processCounterTable(d, i, top)));
  }
  if (d.functions) {
    const all = d.functions.names.map((_, i) => i);
    tables.push(functionTable(d, 'Functions by self CPU time', all.slice(0, top)));
  }
  return markdownDocument(tables);
}
