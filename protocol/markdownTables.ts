/**
 * The tables as they are copied: the Summary, the counter and the function tables, their columns,
 * cells and notes, shared by the panel's "Copy as Markdown" (webview) and `perflens report
 * --markdown` (engine) so the two cannot drift. Only rows, columns and words are chosen here;
 * engine/format/markdownTable.ts writes the text. In protocol/ because the webview may import
 * nothing else.
 */
import type { Cell, MarkdownTable } from './webview';
import type { CounterData, CounterProcessRow, FunctionData, SourceData } from './sourceData';
import { costUnit, formatDuration, formatFixed, formatInteger, formatNumber } from './format';

/** A counter row with its rate (count per second of its wall-clock, or of the window). */
export type RatedCounterRow = CounterProcessRow & { readonly perSec: number };

/** The rows of one process (or all, `-1`) with their rate over that process's (the run's) wall. */
export function ratedRows(c: CounterData, process: number): RatedCounterRow[] {
  const wallMs = process === -1 ? c.wallClockMs : (c.processes[process]?.wallClockMs ?? 0);
  return c.rows
    .filter((r) => r.process === process)
    .map((r) => ({ ...r, perSec: wallMs > 0 ? r.count / (wallMs / 1000) : 0 }));
}

/**
 * A counter table of `rows` (in the order given): the source's basis above, `notes` below (what
 * the % of wall is a share of, which the caller knows).
 */
export function counterTable(
  d: SourceData,
  title: string,
  rows: readonly RatedCounterRow[],
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

/** Columns of a counter table, as the panel's; `wallLabel` says what the % of wall is over. */
export function counterColumns(wallLabel: string): MarkdownTable['columns'] {
  return [
    { label: 'Counter', numeric: false },
    { label: 'Count', numeric: true },
    { label: 'Unit', numeric: false },
    { label: 'Total ms', numeric: true },
    { label: 'Avg ms', numeric: true },
    { label: 'Max ms', numeric: true },
    { label: 'Rate /s', numeric: true },
    { label: wallLabel, numeric: true },
    { label: 'Of parent', numeric: false },
  ];
}

/**
 * One counter row, written as the panel writes it: each column with one number of decimals (so
 * `1.0` lines up under `234.98`, never a bare `1`); times only for timers (a window's rows have
 * no max: NaN, shown as `–`).
 */
export function counterCells(r: RatedCounterRow): Cell[] {
  const timer = r.kind === 'timer';
  return [
    r.name,
    formatInteger(r.count),
    r.unit ?? (timer ? 'calls' : null),
    timer ? formatFixed(r.totalMs, 1) : null,
    timer && r.count > 0 ? formatFixed(r.totalMs / r.count, 2) : null,
    timer && Number.isFinite(r.maxMs) ? formatFixed(r.maxMs, 1) : null,
    formatFixed(r.perSec, 1),
    r.wallPct !== null ? formatFixed(r.wallPct, 1) : null,
    ofParentText(r),
  ];
}

function ofParentText(r: CounterProcessRow): string | null {
  if (r.parent === undefined) return null;
  if (r.ofParentPct !== undefined) return `${formatFixed(r.ofParentPct, 1)} % of ${r.parent}`;
  if (r.perParentCall !== undefined)
    return `${formatFixed(r.perParentCall, 2)} per ${r.parent} call`;
  return null;
}

/** The header of the % of wall column: says when it is summed over processes. */
export function wallLabel(c: CounterData, process: number): string {
  const n = c.processes.length;
  return process === -1 && n > 1 ? `% of wall (summed over ${n} processes)` : '% of wall';
}

/**
 * What "% of wall" is a share of: each process's counter time over that process's own span
 * (first sighting to exit or the run's end), said with the span's basis in words.
 */
export function wallNote(c: CounterData, process: number): string {
  const n = c.processes.length;
  if (process === -1 && n > 1) {
    const bases = new Set(c.processes.map((p) => p.spanBasis));
    const each = c.processes.map(
      (p) =>
        `${p.name} ${formatDuration(p.wallClockMs)}${bases.size > 1 ? `, ${p.spanBasis}` : ''}`,
    );
    return (
      `% of wall: each process's counter time ÷ that process's own wall-clock ` +
      `(${each.join('; ')}${bases.size === 1 ? `; for each: ${[...bases][0]}` : ''}), ` +
      `summed over ${n} processes, so it can pass 100 %.`
    );
  }
  const p = c.processes[process === -1 ? 0 : process];
  if (!p) return '% of wall: no process dumped counters.';
  return (
    `% of wall: total ms ÷ ${p.name}'s wall-clock of ${formatDuration(p.wallClockMs)} ` +
    `(${p.spanBasis}); overlapping async calls can pass 100 %.`
  );
}

/**
 * The total row's words: how many counters and over what wall-clock — never a sum of timer
 * times, because timers nest (a timed call runs inside another, as a put inside a send), and a
 * sum would count the same milliseconds twice or more.
 */
export function counterTotalNote(count: number, wallMs: number, wallBasis: string): string {
  return (
    `Total: ${formatInteger(count)} counter(s) over ${formatDuration(wallMs)} of wall-clock ` +
    `(${wallBasis}). Timer times are not added up: timers may nest (one timed call can run ` +
    `inside another), so their sum would count the same time more than once.`
  );
}

/** The wall-clock a counter table's total row shows: the run's, or the one process's own. */
export function totalWall(c: CounterData, process: number): { ms: number; basis: string } {
  const p = c.processes[process === -1 && c.processes.length === 1 ? 0 : process];
  return process === -1 && c.processes.length > 1
    ? { ms: c.wallClockMs, basis: `the run, ${c.wallClockBasis}` }
    : { ms: p?.wallClockMs ?? c.wallClockMs, basis: p?.spanBasis ?? c.wallClockBasis };
}

const PARTS_NOTE =
  'Counts of incr-only counters are quantities in their unit; "of parent" is the share of ' +
  "the enclosing timer's time (or, for counts, per call of it).";

/** The counter table of one process, or all processes combined (`process` -1), as copied. */
export function processCounterTable(d: SourceData, process: number, top = Infinity): MarkdownTable {
  const c = d.counters!;
  const all = ratedRows(c, process);
  const procName = process === -1 ? 'all processes' : c.processes[process].name;
  const wall = totalWall(c, process);
  const notes = [wallNote(c, process), counterTotalNote(all.length, wall.ms, wall.basis)];
  const cut = all.length > top ? [`First ${top} of ${all.length} counters.`] : [];
  return counterTable(d, `Counters: ${procName}`, all.slice(0, top), wallLabel(c, process), [
    ...notes,
    PARTS_NOTE,
    ...cut,
  ]);
}

/** What a function's Self % and Total % are a share of, in words. */
export function percentBasis(f: FunctionData): string {
  if (f.unit === 'ms' && f.totalMs !== null)
    return `% of ${formatNumber(f.totalMs, 1)} ms profiled`;
  if (f.unit === 'samples' && f.totalSamples !== null)
    return `% of all ${formatInteger(f.totalSamples)} samples`;
  if (f.unit === 'bytes' || f.unit === 'events') return `% of all ${costUnit(f)} in the profile`;
  return '% of the profiled time';
}

/**
 * The functions of `order` (indices into `d.functions`), at most `limit` of them, with the
 * basis line above and what the percentages are a share of below.
 */
export function functionTable(
  d: SourceData,
  title: string,
  order: ArrayLike<number>,
  limit = Infinity,
  extraNotes: readonly string[] = [],
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
  const samples = counted
    ? `${formatInteger(f.totalSamples)} CPU samples`
    : 'an evented profile: no samples';
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
      `Self % and Total %: ${percentBasis(f)} (${samples}${merged}); total counts recursion ` +
        `once${counted ? '; Samples = self samples' : ''}.${cut}`,
      ...extraNotes,
    ],
  };
}

export function functionCells(d: SourceData, i: number): Cell[] {
  const f = d.functions!;
  const weighed = f.unit !== 'samples';
  const file = f.files[i];
  const cost = (x: number | null): string => formatFixed(x, f.unit === 'ms' ? 1 : 0);
  return [
    f.names[i],
    file ? `${file}${f.lines[i] !== null ? `:${f.lines[i]}` : ''}` : null,
    weighed ? cost(f.selfCost[i]) : formatInteger(f.selfSamples[i] ?? f.selfCost[i]),
    formatFixed(f.selfPct[i], 1),
    weighed ? cost(f.totalCost[i]) : formatInteger(f.totalSamplesOf[i] ?? f.totalCost[i]),
    formatFixed(f.totalPct[i], 1),
    ...(f.totalSamples !== null ? [formatInteger(f.selfSamples[i])] : []),
  ];
}

function ownCode(file: string | null): boolean {
  return file !== null && !file.startsWith('node:') && !/[\\/]node_modules[\\/]/.test(file);
}

/** The first `n` functions of the user's own code (the engine sends them by self time). */
export function topOwnFunctions(d: SourceData, n: number): number[] {
  const f = d.functions;
  if (!f) return [];
  const out: number[] = [];
  for (let i = 0; i < f.names.length && out.length < n; i++) if (ownCode(f.files[i])) out.push(i);
  return out;
}

/** The top five timers by total time, over all processes. */
export function topTimers(c: CounterData, n = 5): RatedCounterRow[] {
  return ratedRows(c, -1)
    .filter((r) => r.kind === 'timer')
    .slice(0, n);
}

/** The Summary's facts, label and value, as the panel lists them and the Markdown copies them. */
export function summaryFacts(d: SourceData): [string, string][] {
  const s = d.summary;
  const facts: [string, string][] = [['What ran', s.command ?? d.path]];
  if (s.startTime) facts.push(['Started', s.startTime]);
  if (s.durationMs !== undefined)
    facts.push([
      'Duration',
      `${formatDuration(s.durationMs)}${s.durationBasis ? ` (${s.durationBasis})` : ''}`,
    ]);
  facts.push(['Exit status', s.exitStatus ?? 'not recorded']);
  if (s.assertions)
    facts.push(['Assertions', `${s.assertions.pass} PASS, ${s.assertions.fail} FAIL`]);
  if (s.missing.length) facts.push(['Missing files', s.missing.join(', ')]);
  facts.push(['Warnings', String(d.warnings.length)]);
  return facts;
}

/** CPU % and RSS per process, and over which samples. */
export function resourceTable(d: SourceData): MarkdownTable | undefined {
  const r = d.summary.resources;
  if (!r) return undefined;
  return {
    title: 'CPU and memory',
    context: [d.basis],
    columns: [
      { label: 'Process', numeric: false },
      { label: 'Samples', numeric: true },
      { label: 'Avg CPU %', numeric: true },
      { label: 'Max CPU %', numeric: true },
      { label: 'Avg RSS MiB', numeric: true },
      { label: 'Max RSS MiB', numeric: true },
    ],
    rows: r.rows.map((x) => [
      x.name,
      formatInteger(x.samples),
      formatFixed(x.avgCpuPct, 1),
      formatFixed(x.maxCpuPct, 1),
      formatFixed(x.avgRssMiB, 1),
      formatFixed(x.maxRssMiB, 1),
    ]),
    notes: [resourceNote(r.basis)],
  };
}

export function resourceNote(basis: string): string {
  return `Over ${basis}. CPU % is of one core (200 % = two cores busy).`;
}

/** The Summary as copied: facts, CPU and memory, top five counters, top five functions. */
export function summaryTables(d: SourceData): MarkdownTable[] {
  const tables: MarkdownTable[] = [
    {
      title: `PerfLens summary: ${d.title}`,
      context: [d.basis],
      columns: [
        { label: 'Fact', numeric: false },
        { label: 'Value', numeric: false },
      ],
      rows: summaryFacts(d),
      notes: (d.summary.assertions?.failures ?? []).map(
        (f) => `FAIL at ${f.file}:${f.line}: ${f.text}`,
      ),
    },
  ];
  const resources = resourceTable(d);
  if (resources) tables.push(resources);
  if (d.counters)
    tables.push(
      counterTable(
        d,
        'Top counters by total time',
        topTimers(d.counters),
        wallLabel(d.counters, -1),
        [wallNote(d.counters, -1)],
      ),
    );
  if (d.functions)
    tables.push(
      functionTable(d, 'Your code: top functions by self time', topOwnFunctions(d, 5), Infinity, [
        OWN_CODE_NOTE,
      ]),
    );
  return tables;
}

export const OWN_CODE_NOTE =
  'Your code: functions outside node: internals, node_modules and VM frames.';
