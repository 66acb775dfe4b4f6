/**
 * The tables the page copies as Markdown, exactly as shown (sort, filter, process, window).
 * The host hands them to the engine's formatter (engine/report/markdown.ts), which the CLI's
 * `--markdown` uses too; only the choice of rows and columns is made here.
 */
import type { Cell, MarkdownTable } from '../../protocol/webview';
import type { SourceData } from '../../protocol/sourceData';
import type { CounterRowView } from '../logic/counterRows';
import { fmt } from '../format';

export function counterMarkdown(
  d: SourceData,
  title: string,
  rows: readonly CounterRowView[],
  wallLabel: string,
  notes: string[],
): MarkdownTable {
  return {
    title,
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
    rows: rows.map((r): Cell[] => [
      r.name,
      r.count,
      r.unit ?? (r.kind === 'timer' ? 'calls' : null),
      r.kind === 'timer' ? r.totalMs : null,
      r.avgMs,
      r.kind === 'timer' && Number.isFinite(r.maxMs) ? r.maxMs : null,
      r.wallPct,
      r.parent === undefined
        ? null
        : r.ofParentPct !== undefined
          ? `${fmt(r.ofParentPct, 1)} % of ${r.parent}`
          : r.perParentCall !== undefined
            ? `${fmt(r.perParentCall, 2)} per ${r.parent} call`
            : null,
    ]),
    notes,
  };
}

export function functionMarkdown(
  d: SourceData,
  title: string,
  order: ArrayLike<number>,
  limit = 1000,
): MarkdownTable {
  const f = d.functions!;
  const ms = f.unit !== 'samples'; // costs in ms, bytes or events, else sample counts
  const u = f.unit === 'ms' ? 'ms' : f.unit === 'bytes' ? 'bytes' : (f.weightLabel ?? 'events');
  const rows: Cell[][] = [];
  for (let k = 0; k < Math.min(order.length, limit); k++) {
    const i = order[k];
    const file = f.files[i];
    rows.push([
      f.names[i],
      file ? `${file}${f.lines[i] !== null ? `:${f.lines[i]}` : ''}` : null,
      ms ? f.selfCost[i] : f.selfSamples[i],
      f.selfPct[i],
      ms ? f.totalCost[i] : f.totalSamplesOf[i],
      f.totalPct[i],
      f.selfSamples[i],
    ]);
  }
  return {
    title,
    context: [d.basis],
    columns: [
      { label: 'Function', numeric: false },
      { label: 'File:line', numeric: false },
      { label: ms ? `Self ${u}` : 'Self samples', numeric: true },
      { label: 'Self %', numeric: true },
      { label: ms ? `Total ${u}` : 'Total samples', numeric: true },
      { label: 'Total %', numeric: true },
      { label: 'Samples', numeric: true },
    ],
    rows,
    notes: [
      `% of all ${fmt(f.totalSamples, 0)} CPU samples${f.profiles.length > 1 ? `, ${f.profiles.length} profiles merged` : ''}; total counts recursion once; Samples = self samples.${order.length > limit ? ` First ${limit} of ${order.length} rows.` : ''}`,
    ],
  };
}
