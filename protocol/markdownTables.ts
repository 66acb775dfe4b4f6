/**
 * The counter and function tables as they are copied: their columns and cells, shared by the
 * panel's "Copy as Markdown" (webview) and `perflens report --markdown` (engine) so the two cannot
 * drift. Only rows and columns are chosen here; engine/format/markdownTable.ts writes the text.
 * In protocol/ because the webview may import nothing else.
 */
import type { Cell, MarkdownTable } from './webview';
import type { CounterProcessRow, SourceData } from './sourceData';
import { costUnit, formatNumber } from './format';

/**
 * A counter table of `rows` (in the order given): the source's basis above, `notes` below (what
 * the % of wall is a share of, which the caller knows).
 */
export function counterTable(
  d: SourceData,
  title: string,
  rows: readonly CounterProcessRow[],
  wallLabel: string,
  notes: readonly string[],
): MarkdownTable {
  return {
    title,
    context: [d.basis],
    columns: counterColumns(wallLabel),
    rows: rows.map(counterCells),
    notes: [...notes],
  };
}

/** Columns of a counter table; `wallLabel` says what the % of wall is summed over. */
export function counterColumns(wallLabel: string): MarkdownTable['columns'] {
  return [
    { label: 'Counter', numeric: false },
    { label: 'Count', numeric: true },
    { label: 'Unit', numeric: false },
    { label: 'Total ms', numeric: true },
    { label: 'Avg ms', numeric: true },
    { label: 'Max ms', numeric: true },
    { label: wallLabel, numeric: true },
    { label: 'Of parent', numeric: false },
  ];
}

/** One counter row; times only for timers (a window's rows have no max: NaN, shown as `–`). */
export function counterCells(r: CounterProcessRow): Cell[] {
  const timer = r.kind === 'timer';
  return [
    r.name,
    r.count,
    r.unit ?? (timer ? 'calls' : null),
    timer ? r.totalMs : null,
    timer && r.count > 0 ? r.totalMs / r.count : null,
    timer && Number.isFinite(r.maxMs) ? r.maxMs : null,
    r.wallPct,
    ofParentText(r),
  ];
}

function ofParentText(r: CounterProcessRow): string | null {
  if (r.parent === undefined) return null;
  if (r.ofParentPct !== undefined) return `${formatNumber(r.ofParentPct, 1)} % of ${r.parent}`;
  if (r.perParentCall !== undefined)
    return `${formatNumber(r.perParentCall, 2)} per ${r.parent} call`;
  return null;
}

/**
 * The functions of `order` (indices into `d.functions`), at most `limit` of them, with the
 * basis line above and the sample count below.
 */
export function functionTable(
  d: SourceData,
  title: string,
  order: ArrayLike<number>,
  limit = Infinity,
): MarkdownTable {
  const f = d.functions!;
  const weighed = f.unit !== 'samples'; // costs in ms, bytes or events, else sample counts
  const u = costUnit(f);
  const rows: Cell[][] = [];
  for (let k = 0; k < Math.min(order.length, limit); k++) rows.push(functionCells(d, order[k]));
  const merged = f.profiles.length > 1 ? `, ${f.profiles.length} profiles merged` : '';
  const cut = order.length > limit ? ` First ${limit} of ${order.length} rows.` : '';
  // Evented profiles have intervals, not samples: no sample column, and the costs are the weights.
  const counted = f.totalSamples !== null;
  return {
    title,
    context: [d.basis],
    columns: [
      { label: 'Function', numeric: false },
      { label: 'File:line', numeric: false },
      { label: weighed ? `Self ${u}` : counted ? 'Self samples' : 'Self', numeric: true },
      { label: 'Self %', numeric: true },
      { label: weighed ? `Total ${u}` : counted ? 'Total samples' : 'Total', numeric: true },
      { label: 'Total %', numeric: true },
      ...(counted ? [{ label: 'Samples', numeric: true }] : []),
    ],
    rows,
    notes: [
      counted
        ? `% of all ${formatNumber(f.totalSamples, 0)} CPU samples${merged}; ` +
          `total counts recursion once; Samples = self samples.${cut}`
        : `% of the profiled time (an evented profile: no samples)${merged}; ` +
          `total counts recursion once.${cut}`,
    ],
  };
}

export function functionCells(d: SourceData, i: number): Cell[] {
  const f = d.functions!;
  const weighed = f.unit !== 'samples';
  const file = f.files[i];
  return [
    f.names[i],
    file ? `${file}${f.lines[i] !== null ? `:${f.lines[i]}` : ''}` : null,
    weighed ? f.selfCost[i] : (f.selfSamples[i] ?? f.selfCost[i]),
    f.selfPct[i],
    weighed ? f.totalCost[i] : (f.totalSamplesOf[i] ?? f.totalCost[i]),
    f.totalPct[i],
    ...(f.totalSamples !== null ? [f.selfSamples[i]] : []),
  ];
}
