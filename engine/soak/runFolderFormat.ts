/**
 * The run-folder files PerfLens writes for counters, and their writers (used by the runner's
 * analysis hooks and by anything else that produces a run folder). DESIGN.md's table is the
 * contract; this is the exact form settled on:
 *
 * `counters.jsonl` — one JSON object per counter dump, appended as dumps are recognised:
 *   `{"time":"2026-05-30T20:00:05.123Z","source":"alice","pid":1234,"line":812,"format":"inspect",
 *     "partial":true?,"lost":[{"path":"payments.token.split","marker":"[REDACTED]"}]?,
 *     "counters":{"orbitdb.putEntry.bundle":{"count":12,"totalMs":345.6,"avgMs":28.8,"maxMs":120.1}}}`
 *   `time` is the dump's own timestamp when the log line had one, else the capture time; `source`
 *   is the process label (`main` when unlabelled); `line` is the header's line in script.log.
 *   Each line is one window (the counters were reset after it). Read back by the same scanner
 *   that reads logs (it is a JSON line with a snapshot in the `counters` field).
 *
 * `totals.tsv` — header `name family kind unit count total_ms avg_ms max_ms rate_per_s
 * share_of_wall windows`,
 *   one row per counter over the whole run (all processes), sorted by total_ms descending; `kind`
 *   is `timer` or `count`; `unit` is a guess for counts (may be empty); `share_of_wall` is
 *   total_ms / wall-clock ms.
 *
 * `summary-metrics.json` — `{ formatVersion: 1, wallClockMs, wallClockBasis, startSkipMs,
 *   resources: { total: { samples, avgCpuPct, maxCpuPct, avgRssKb, maxRssKb }, perProcess: [...] },
 *   exit: { code, signal, status }, assertions: { pass, fail }, counters: { windows, processes,
 *   topByTotalMs: [{ name, totalMs, count }] } }` — every member optional for readers; soak
 *   scripts' own summary-metrics.json (e.g. `avg_rss_mb`, `max_cpu_pct`) is read as-is and kept raw.
 */
import { CounterTotal } from '../counters/counterRun';
import { CounterDump } from '../counters/types';
import { AssertionCounts } from './assertions';
import { ResourceSummary } from './samples';

export const TOTALS_COLUMNS = [
  'name',
  'family',
  'kind',
  'unit',
  'count',
  'total_ms',
  'avg_ms',
  'max_ms',
  'rate_per_s',
  'share_of_wall',
  'windows',
] as const;

/**
 * One `counters.jsonl` line (with its trailing newline). `captureTimeMs` is used when the dump has
 * no time.
 */
export function formatCountersJsonlLine(
  dump: CounterDump,
  extra: { readonly pid?: number; readonly captureTimeMs?: number } = {},
): string {
  const t = dump.time ?? extra.captureTimeMs;
  const rec: Record<string, unknown> = {
    time: t !== undefined ? new Date(t).toISOString() : undefined,
    source: dump.source,
    pid: extra.pid,
    line: dump.line,
    format: dump.format,
  };
  if (dump.partial) rec.partial = true;
  if (dump.lost.length > 0) rec.lost = dump.lost;
  rec.counters = dump.counters;
  return `${JSON.stringify(rec)}\n`;
}

/** `totals.tsv` content from run totals (tabs and newlines in names are replaced by spaces). */
export function formatTotalsTsv(totals: readonly CounterTotal[]): string {
  const esc = (s: string): string => s.replace(/[\t\r\n]/g, ' ');
  const rows = totals.map((t) =>
    [
      esc(t.name),
      esc(t.family),
      t.kind,
      t.unit ?? '',
      t.count,
      t.totalMs,
      t.avgMs,
      t.maxMs,
      t.ratePerSec,
      t.shareOfWallClock,
      t.windows,
    ].join('\t'),
  );
  return `${TOTALS_COLUMNS.join('\t')}\n${rows.map((r) => `${r}\n`).join('')}`;
}

export interface SummaryMetrics {
  readonly formatVersion: 1;
  readonly wallClockMs?: number;
  readonly wallClockBasis?: string;
  readonly startSkipMs?: number;
  readonly resources?: Pick<ResourceSummary, 'total' | 'perProcess' | 'wholeRun' | 'leftOut'>;
  readonly exit?: {
    readonly code?: number | null;
    readonly signal?: string | null;
    readonly status?: string;
  };
  readonly assertions?: Pick<AssertionCounts, 'pass' | 'fail'>;
  readonly counters?: {
    readonly windows: number;
    readonly processes: number;
    readonly topByTotalMs: ReadonlyArray<{ name: string; totalMs: number; count: number }>;
  };
}

/** `summary-metrics.json` content (pretty-printed, trailing newline). */
export function formatSummaryMetrics(m: SummaryMetrics): string {
  return `${JSON.stringify(m, null, 2)}\n`;
}
