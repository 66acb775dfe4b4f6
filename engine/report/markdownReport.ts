/**
 * `perflens report <path> --markdown`: the panel's Summary, Counters and Functions tabs as
 * GitHub tables, from the same SourceData the panel draws, the same columns
 * (protocol/markdownTables.ts) and the same formatter (engine/format/markdownTable.ts) its
 * "Copy as Markdown" uses.
 */
import type { MarkdownTable } from '../../protocol/webview';
import type { SourceData } from '../../protocol/sourceData';
import { formatNumber } from '../../protocol/format';
import { functionTable, processCounterTable, summaryTables } from '../../protocol/markdownTables';
import { markdownDocument } from '../format/markdownTable';
import { displayName, MAX_DISPLAY_NAME, terminalSafe } from './terminalText';

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

/**
 * The whole report as Markdown: the Summary exactly as the panel copies it, then the counters
 * (all processes, then each) and the functions.
 */
export function markdownReport(d: SourceData, top = 20): string {
  const tables: MarkdownTable[] = [];
  const add = (t: MarkdownTable): void => {
    tables.push(forTerminal(t));
  };
  summaryTables(d).forEach(add);
  if (d.counters) {
    add(processCounterTable(d, -1, top));
    if (d.counters.processes.length > 1)
      d.counters.processes.forEach((_, i) => add(processCounterTable(d, i, top)));
  }
  if (d.functions) {
    const all = d.functions.names.map((_, i) => i);
    add(functionTable(d, 'Functions by self CPU time', all.slice(0, top)));
  }
  return markdownDocument(tables);
}

/**
 * A table as `report --markdown` prints it to a terminal: the Markdown escapes keep a name one
 * literal cell but leave ESC and BEL raw, so each text cell is capped and made terminal-safe like
 * the text report's names, and the lines around it are made terminal-safe.
 */
function forTerminal(t: MarkdownTable): MarkdownTable {
  return {
    ...t,
    title: terminalSafe(t.title),
    context: t.context.map(terminalSafe),
    notes: t.notes.map(terminalSafe),
    rows: t.rows.map((r) =>
      r.map((c) => (typeof c === 'string' ? displayName(c, 2 * MAX_DISPLAY_NAME) : c)),
    ),
  };
}
