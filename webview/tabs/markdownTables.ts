/**
 * The tables only the page copies as Markdown, exactly as shown (the over-time windows and
 * resources, the scaling fit). The counter and function tables are protocol/markdownTables.ts's,
 * which `report --markdown` uses too; the host hands every table to the engine's one formatter
 * (engine/format/markdownTable.ts).
 */
import type { Cell, MarkdownTable } from '../../protocol/webview';
import type { CounterSeries, DiagnosticsSnapshots, SourceData } from '../../protocol/sourceData';
import { formatDuration } from '../../protocol/format';
import { fmt } from '../format';

/** At most this many rows in a copied function table: it is for an issue or a PR, not the whole profile. */
export const COPIED_FUNCTIONS_LIMIT = 1000;

/** Over time: the per-window values of the counters charted, one row per window. */
export function overTimeMarkdown(
  d: SourceData,
  processName: string,
  s: CounterSeries,
  names: readonly string[],
  metricLabel: string,
  values: readonly (readonly number[])[],
  intervalMs: number,
  title = `Counters per window: ${processName}`,
): MarkdownTable {
  return {
    title,
    context: [d.basis],
    columns: [
      { label: 'Window', numeric: true },
      { label: 'End (s since start)', numeric: true },
      { label: 'Log line', numeric: true },
      ...names.map((n) => ({ label: `${n} (${metricLabel})`, numeric: true })),
    ],
    rows: s.timesMs.map((t, i): Cell[] => [
      i + 1,
      Math.round(t) / 1000,
      s.lines[i] ?? null,
      ...values.map((v) => v[i] ?? null),
    ]),
    notes: [
      `One row per counter dump of ${processName} (${fmt(intervalMs, 0)} ms windows; each ` +
        `dump resets the counters).`,
    ],
  };
}

/**
 * Over time: the diagnostics fields charted, one row per snapshot; the note gives the real poll
 * interval and which fields are rates (counters) and which levels (gauges).
 */
export function diagnosticsMarkdown(
  d: SourceData,
  snaps: DiagnosticsSnapshots,
  paths: readonly string[],
): MarkdownTable {
  const fields = paths
    .map((p) => snaps.fields.find((f) => f.path === p))
    .filter((f): f is DiagnosticsSnapshots['fields'][number] => f !== undefined);
  const rates = fields.filter((f) => f.kind === 'rate').map((f) => f.path);
  const levels = fields.filter((f) => f.kind === 'level').map((f) => f.path);
  const notes = [
    `One row per diagnostics snapshot (${snaps.timesMs.length}), polled every ` +
      `${formatDuration(snaps.pollIntervalMs)} (median interval between snapshots).`,
  ];
  if (rates.length)
    notes.push(
      `Rates (counters, per second over the interval since the previous snapshot): ${rates.join(', ')}.`,
    );
  if (levels.length) notes.push(`Levels (gauges, as read at each snapshot): ${levels.join(', ')}.`);
  return {
    title: 'Diagnostics snapshots',
    context: [d.basis],
    columns: [
      { label: 'Snapshot', numeric: true },
      { label: 'Time (s since start)', numeric: true },
      ...fields.map((f) => ({
        label: `${f.path} (${f.kind === 'rate' ? 'per s' : 'level'})`,
        numeric: true,
      })),
    ],
    rows: snaps.timesMs.map((t, i): Cell[] => [
      i + 1,
      Math.round(t) / 1000,
      ...fields.map((f) => f.values[i] ?? null),
    ]),
    notes,
  };
}

/** Over time: a resource charted per process (CPU %, RSS), one row per sample time. */
export function resourceMarkdown(
  d: SourceData,
  title: string,
  unit: string,
  names: readonly string[],
  xs: readonly number[],
  ys: readonly (readonly (number | null)[])[],
): MarkdownTable {
  return {
    title,
    context: [d.basis],
    columns: [
      { label: 'Time (s since start)', numeric: true },
      ...names.map((n) => ({ label: `${n} (${unit})`, numeric: true })),
    ],
    rows: xs.map((x, i): Cell[] => [x, ...ys.map((y) => y[i] ?? null)]),
    notes: ['Samples of samples.tsv; an empty cell: that process had no sample at that time.'],
  };
}

/**
 * Scaling: the fit (X, Y, slope, intercept, R², windows, the sentence) and the points it rests on.
 */
export function scalingMarkdown(
  d: SourceData,
  processName: string,
  x: string,
  y: string,
  fit: { slope: number; intercept: number; r2: number; n: number },
  sentence: string,
  pairs: readonly (readonly [number, number])[],
): MarkdownTable[] {
  // As strings with four decimals: a slope of 0.0031 ms per block must not print as 0.00.
  const num = (v: number): string | null => (Number.isFinite(v) ? fmt(v, 4) : null);
  return [
    {
      title: `Scaling: ${y} against ${x}`,
      context: [d.basis],
      columns: [
        { label: 'X', numeric: false },
        { label: 'Y', numeric: false },
        { label: 'Slope', numeric: true },
        { label: 'Intercept', numeric: true },
        { label: 'R²', numeric: true },
        { label: 'Windows', numeric: true },
      ],
      rows: [[x, y, num(fit.slope), num(fit.intercept), num(fit.r2), fit.n]],
      notes: [
        sentence,
        `Least squares, y = slope·x + intercept, over ${fit.n} dump windows of ${processName}.`,
      ],
    },
    {
      title: `Scaling points: ${processName}`,
      context: [d.basis],
      columns: [
        { label: x, numeric: true },
        { label: y, numeric: true },
      ],
      rows: pairs.map((p): Cell[] => [p[0], p[1]]),
      notes: ['One row per window, sorted by X.'],
    },
  ];
}
