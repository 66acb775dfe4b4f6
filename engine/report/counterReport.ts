/**
 * The counters part of `perflens report <log-file | run-folder | soak-folder> [--json] [--top N]`.
 *
 * `buildCounterSection(path)` returns the JSON the `--json` output carries (shape below, stable:
 * `counters` sorted by totalMs descending, `kind` 'timer' | 'count', `resources` only when
 * samples exist); `formatCounterTable(section, top)` renders the human table. cli/main.ts owns
 * argument parsing and printing; this module owns what the numbers are.
 */
import { EngineDiagnostic } from '../diagnostics';
import { formatDuration, formatFixed, formatNumber } from '../../protocol/format';
import { counterTotalNote, wallNote } from '../../protocol/markdownTables';
import { counterDataOf, runWallClockWords } from './counterData';
import {
  CounterRun,
  CounterRunBuilder,
  CounterTotal,
  WallClockBasis,
} from '../counters/counterRun';
import { groupByFamily } from '../counters/families';
import { scanLogFile } from '../counters/logFileScanner';
import { dumpsFromDocument } from '../counters/snapshotDocument';
import { stat } from 'node:fs/promises';
import { AssertionPatterns } from '../soak/assertions';
import {
  ReadRunOptions,
  RunModel,
  classifyPath,
  SoakModel,
  readRunFolder,
  readSoakFolder,
} from '../soak/readRunFolder';
import { countersOf, soakTotals } from '../soak/soakTotals';
import { ResourceStats, ResourceSummary } from '../soak/samples';
import { readTextFile } from '../textFiles';
import { displayName, terminalSafe } from './terminalText';

export interface CounterRow {
  readonly name: string;
  readonly count: number;
  readonly totalMs: number;
  readonly avgMs: number;
  readonly maxMs: number;
  readonly ratePerSec: number;
  readonly kind: 'timer' | 'count';
  readonly unit?: string;
  readonly family: string;
  readonly shareOfWallClock: number;
  readonly windows: number;
}

export interface FamilyRow {
  readonly prefix: string;
  readonly totalMs: number;
  readonly members: string[];
}

export interface ProcessRow {
  readonly source: string;
  readonly run?: string;
  readonly windows: number;
  readonly wallClockMs: number;
  readonly gaps: number;
  readonly restarts: number;
  readonly lost: number;
}

export interface RunRow {
  readonly name: string;
  readonly windows: number;
  readonly wallClockMs?: number;
  readonly countersFrom?: string;
  readonly resources?: ResourceStats;
  readonly assertions?: { readonly pass: number; readonly fail: number };
  readonly missing: string[];
}

export interface CounterSection {
  readonly input: 'log' | 'run' | 'soak';
  readonly path: string;
  readonly counters: CounterRow[];
  readonly families: FamilyRow[];
  readonly processes: ProcessRow[];
  readonly windows: number;
  readonly wallClockMs: number;
  readonly wallClockBasis: WallClockBasis;
  /**
   * The dump interval windows stand for, and where it came from (see
   * `CounterRun.dumpIntervalBasis`).
   */
  readonly dumpIntervalMs?: number;
  readonly dumpIntervalBasis?: string;
  readonly resources?: {
    readonly startSkipMs: number;
    readonly skippedSamples: number;
    /** The run was shorter than the start-skip: the figures are over the whole run. */
    readonly wholeRun?: true;
    /** Rows that are not the measured program (the profiler's processes, after its end). */
    readonly leftOut?: ResourceSummary['leftOut'];
    readonly total: ResourceStats;
    readonly perProcess?: ResourceSummary['perProcess'];
  };
  readonly assertions?: { readonly pass: number; readonly fail: number };
  readonly runs?: RunRow[];
  readonly missing?: string[];
  readonly diagnostics: EngineDiagnostic[];
  /**
   * The models the numbers above came from (windows, samples, assertions), for the panel's tabs.
   */
  readonly models?: { readonly runs: readonly RunModel[]; readonly log?: CounterRun };
}

export interface CounterSectionOptions {
  readonly startSkipMs?: number;
  readonly assertionPatterns?: AssertionPatterns;
  readonly dumpIntervalMs?: number;
  /** Where `dumpIntervalMs` came from (e.g. `--dump-ms`). */
  readonly dumpIntervalSource?: string;
}

function intervalOf(run: CounterRun | undefined): {
  dumpIntervalMs?: number;
  dumpIntervalBasis?: string;
} {
  return run
    ? { dumpIntervalMs: run.dumpIntervalMs, dumpIntervalBasis: run.dumpIntervalBasis }
    : {};
}

function rows(totals: readonly CounterTotal[]): CounterRow[] {
  return totals.map((t) => ({
    name: t.name,
    count: t.count,
    totalMs: t.totalMs,
    avgMs: t.avgMs,
    maxMs: t.maxMs,
    ratePerSec: t.ratePerSec,
    kind: t.kind,
    ...(t.unit ? { unit: t.unit } : {}),
    family: t.family,
    shareOfWallClock: t.shareOfWallClock,
    windows: t.windows,
  }));
}

function families(totals: readonly CounterTotal[]): FamilyRow[] {
  return groupByFamily(totals)
    .map((f) => ({
      prefix: f.prefix,
      totalMs: Math.round(f.members.reduce((a, m) => a + m.totalMs, 0) * 1000) / 1000,
      members: f.members.map((m) => m.name),
    }))
    .sort((a, b) => b.totalMs - a.totalMs);
}

function processRows(run: CounterRun | undefined, runName?: string): ProcessRow[] {
  return (run?.processes ?? []).map((p) => ({
    source: p.source,
    ...(runName ? { run: runName } : {}),
    windows: p.windows.length,
    wallClockMs: p.wallClockMs,
    gaps: p.gaps.length,
    restarts: p.restarts.length,
    lost: p.lost.length,
  }));
}

function runRow(r: RunModel): RunRow {
  return {
    name: r.name,
    windows: r.counters?.windowCount ?? 0,
    wallClockMs: r.wallClockMs,
    countersFrom: r.countersFrom,
    resources: r.resources?.total,
    assertions: r.assertions ? { pass: r.assertions.pass, fail: r.assertions.fail } : undefined,
    missing: r.missing,
  };
}

/**
 * The section of a file that cannot hold counter dumps (a profile that is one JSON or binary
 * document): no scan, nothing found, nothing to say.
 */
export function noCounterSection(p: string): CounterSection {
  return {
    input: 'log',
    path: p,
    counters: [],
    families: [],
    processes: [],
    windows: 0,
    wallClockMs: 0,
    wallClockBasis: 'windows',
    diagnostics: [],
  };
}

function emptySection(p: string, d: EngineDiagnostic): CounterSection {
  return {
    input: 'log',
    path: p,
    counters: [],
    families: [],
    processes: [],
    windows: 0,
    wallClockMs: 0,
    wallClockBasis: 'windows',
    diagnostics: [d],
  };
}

/**
 * Reads a log file, a run folder or a soak folder. Never throws on bad input (diagnostics instead).
 */
export async function buildCounterSection(
  p: string,
  opts: CounterSectionOptions = {},
): Promise<CounterSection> {
  try {
    return await buildSection(p, opts);
  } catch (e) {
    return emptySection(p, {
      severity: 'error',
      file: p,
      message: `could not be read (${(e as Error).message})`,
    });
  }
}

async function buildSection(p: string, opts: CounterSectionOptions): Promise<CounterSection> {
  const readOpts: ReadRunOptions = {
    startSkipMs: opts.startSkipMs,
    assertionPatterns: opts.assertionPatterns,
    dumpIntervalMs: opts.dumpIntervalMs,
    dumpIntervalSource: opts.dumpIntervalSource,
  };
  switch (await classifyPath(p)) {
    case 'missing':
      return emptySection(p, {
        severity: 'error',
        file: p,
        message: 'no such file or folder',
        expected: 'a log file, a run folder or a soak folder',
      });
    case 'log':
      return logSection(p, await readLogCounters(p, opts));
    case 'run':
      return runSection(p, await readRunFolder(p, readOpts));
    case 'soak':
      return soakSection(p, await readSoakFolder(p, readOpts), opts);
  }
}

/** A log file's counter dumps (JSON lines, util.inspect, or one pretty-printed JSON document). */
async function readLogCounters(
  p: string,
  opts: CounterSectionOptions,
): Promise<{ run: CounterRun; diagnostics: EngineDiagnostic[] }> {
  const diagnostics: EngineDiagnostic[] = [];
  const b = new CounterRunBuilder();
  const restarts: Array<{ source: string; line: number }> = [];
  await scanLogFile(p, {
    onDump: (d) => b.add(d),
    onDiagnostic: (d) => diagnostics.push(d),
    onRestart: (source, line) => restarts.push({ source, line }),
  });
  // A `.json` file that is one pretty-printed snapshot (not JSON lines): read it whole (capped).
  if (
    b.build().windowCount === 0 &&
    p.endsWith('.json') &&
    (await stat(p)).size < 64 * 1024 * 1024
  ) {
    const doc = dumpsFromDocument(await readTextFile(p), p);
    for (const d of doc.dumps) b.add(d);
    diagnostics.push(...doc.diagnostics);
  }
  const run = b.build({
    dumpIntervalMs: opts.dumpIntervalMs,
    dumpIntervalSource: opts.dumpIntervalSource,
    restarts,
  });
  return { run, diagnostics };
}

function logSection(
  p: string,
  { run, diagnostics }: { run: CounterRun; diagnostics: EngineDiagnostic[] },
): CounterSection {
  return {
    input: 'log',
    path: p,
    counters: rows(run.totals),
    families: families(run.totals),
    processes: processRows(run),
    windows: run.windowCount,
    wallClockMs: run.wallClockMs,
    wallClockBasis: run.wallClockBasis,
    ...intervalOf(run),
    diagnostics,
    models: { runs: [], log: run },
  };
}

function runSection(p: string, r: RunModel): CounterSection {
  const run = countersOf(r);
  return {
    input: 'run',
    path: p,
    counters: rows(run?.totals ?? []),
    families: families(run?.totals ?? []),
    processes: processRows(run),
    windows: run?.windowCount ?? 0,
    wallClockMs: r.wallClockMs ?? run?.wallClockMs ?? 0,
    // Without counters the run's wall-clock, when there is one, is run.json's start to end.
    wallClockBasis: run?.wallClockBasis ?? (r.wallClockMs !== undefined ? 'given' : 'windows'),
    ...intervalOf(run),
    ...(r.resources ? { resources: resourcesRow(r.resources) } : {}),
    ...(r.assertions ? { assertions: { pass: r.assertions.pass, fail: r.assertions.fail } } : {}),
    missing: r.missing,
    diagnostics: r.diagnostics,
    models: { runs: [r] },
  };
}

function resourcesRow(r: ResourceSummary): NonNullable<CounterSection['resources']> {
  return {
    startSkipMs: r.startSkipMs,
    skippedSamples: r.skippedSamples,
    ...(r.wholeRun ? { wholeRun: r.wholeRun } : {}),
    ...(r.leftOut ? { leftOut: r.leftOut } : {}),
    total: r.total,
    perProcess: r.perProcess,
  };
}

/** A soak: the soak model sums runs and windows (engine/soak/soakTotals.ts); this shapes rows. */
function soakSection(p: string, soak: SoakModel, opts: CounterSectionOptions): CounterSection {
  const t = soakTotals(soak, opts.startSkipMs);
  return {
    input: 'soak',
    path: p,
    counters: rows(t.totals),
    families: families(t.totals),
    processes: soak.runs.flatMap((r) => processRows(countersOf(r), r.name)),
    windows: t.windows.length,
    wallClockMs: t.wallClockMs,
    wallClockBasis: t.wallClockBasis,
    ...intervalOf(t.intervalRun),
    ...(t.resources ? { resources: t.resources } : {}),
    ...(t.assertions ? { assertions: t.assertions } : {}),
    runs: soak.runs.map(runRow),
    diagnostics: t.diagnostics,
    models: { runs: soak.runs },
  };
}

const fmtNum = formatNumber;

/** The human table for `--top N`: timers and counts, with the basis (windows, wall-clock) below. */
export function formatCounterTable(s: CounterSection, top = 20): string {
  const out: string[] = [];
  // % of wall as the panel has it: each process's time over its own span, summed over processes.
  const data = counterDataOf(s);
  const wallPct = new Map(
    (data?.rows ?? []).filter((r) => r.process === -1).map((r) => [r.name, r.wallPct]),
  );
  const pct = (c: CounterRow): string => {
    const p = data ? wallPct.get(c.name) : c.shareOfWallClock * 100;
    return c.kind === 'timer' && p !== null && p !== undefined ? `${formatFixed(p, 1)}%` : '–';
  };
  const head = ['counter', 'kind', 'count', 'total ms', 'avg ms', 'max ms', 'per s', '% wall'];
  const body = s.counters.slice(0, Math.max(0, top)).map((c) => [
    // Names come from the log: capped (rows are padded to the longest) and terminal-safe.
    displayName(c.name),
    c.kind,
    c.kind === 'count' && c.unit
      ? `${fmtNum(c.count, 0)} ${displayName(c.unit)}`
      : fmtNum(c.count, 0),
    // One number of decimals per column, as the panel and the Markdown write them.
    c.kind === 'timer' ? formatFixed(c.totalMs, 1) : '–',
    c.kind === 'timer' ? formatFixed(c.avgMs, 2) : '–',
    c.kind === 'timer' ? formatFixed(c.maxMs, 1) : '–',
    formatFixed(c.ratePerSec, 1),
    pct(c),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => r[i].length)));
  const line = (r: string[]): string =>
    r
      .map((x, i) => (i === 0 || i === 1 ? x.padEnd(widths[i]) : x.padStart(widths[i])))
      .join('  ')
      .trimEnd();
  out.push(line(head));
  out.push(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of body) out.push(line(r));
  if (s.counters.length > top)
    out.push(`… ${s.counters.length - top} more counters (--top N to show more)`);
  if (s.counters.length === 0) out.push('(no counter dumps found)');
  out.push('');
  const procs = new Set(s.processes.map((p) => p.source)).size;
  const wallWords = runWallClockWords(s.wallClockBasis);
  out.push(
    `${s.windows} window(s) from ${procs} process(es); ` +
      `wall-clock ${formatDuration(s.wallClockMs)} (${wallWords}).`,
  );
  // Process names come from the log: terminal-safe.
  if (data && s.counters.length > 0) out.push(terminalSafe(wallNote(data, -1)));
  // No total of timer times: timers nest, and a sum would count the same time twice.
  if (s.counters.length > 0)
    out.push(counterTotalNote(s.counters.length, s.wallClockMs, `the run, ${wallWords}`));
  if (s.dumpIntervalMs !== undefined && s.windows > 0)
    out.push(
      s.dumpIntervalBasis === 'default'
        ? `dump interval ${fmtNum(s.dumpIntervalMs / 1000, 3)} s assumed (the default: the ` +
            `dumps carry no timestamps and none was given; pass --dump-ms N when ` +
            `the daemon dumped at another SPHERE_PERF_DUMP_MS)`
        : `dump interval ${fmtNum(s.dumpIntervalMs / 1000, 3)} s (from ${s.dumpIntervalBasis})`,
    );
  if (s.resources) {
    const t = s.resources.total;
    out.push(
      `resources (${s.resources.wholeRun ? `whole run: it is shorter than the ${s.resources.startSkipMs / 1000} s start-skip, so nothing was skipped; ${t.samples} samples` : `after ${s.resources.startSkipMs / 1000} s start-skip: ${t.samples} samples used, ${s.resources.skippedSamples} skipped`}): CPU avg ${t.avgCpuPct ?? '–'}% max ${t.maxCpuPct ?? '–'}%, RSS avg ${t.avgRssKb !== undefined ? fmtNum(t.avgRssKb / 1024) : '–'} MiB max ${t.maxRssKb !== undefined ? fmtNum(t.maxRssKb / 1024) : '–'} MiB`,
    );
    const leftOut = leftOutText(s.resources.leftOut);
    if (leftOut) out.push(leftOut);
  }
  if (s.assertions) out.push(`assertions: ${s.assertions.pass} PASS, ${s.assertions.fail} FAIL`);
  if (s.runs)
    out.push(
      terminalSafe(
        `runs: ${s.runs.map((r) => `${displayName(r.name)} (${r.windows} windows${r.missing.length ? `, missing ${r.missing.join(', ')}` : ''})`).join('; ')}`,
      ),
    );
  else if (s.missing && s.missing.length)
    out.push(terminalSafe(`missing: ${s.missing.join(', ')}`));
  if (s.diagnostics.length)
    out.push(`${s.diagnostics.length} warning(s) about the input (see --json)`);
  return `${out.join('\n')}\n`;
}

/** The samples a resource summary left out, in words; undefined when it left none out. */
function leftOutText(l: ResourceSummary['leftOut']): string | undefined {
  if (!l) return undefined;
  const parts: string[] = [];
  if (l.profilerRows > 0)
    parts.push(
      `${l.profilerRows} samples of the profiler's own processes (pid ${l.profilerPids.join(', ')})`,
    );
  if (l.afterEndRows > 0) parts.push(`${l.afterEndRows} samples taken after the target ended`);
  return parts.length ? `resources leave out ${parts.join(' and ')}` : undefined;
}
