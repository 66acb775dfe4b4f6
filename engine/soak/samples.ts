/**
 * Resource samples (`samples.tsv`) → avg/max CPU % and RSS over the active window.
 *
 * Header the PerfLens runner writes (runner/treeMonitor.ts): `time elapsed_s pid ppid name cpu_pct
 * rss_kb`, one row per process every 5 s. Other soak samplers name columns differently; the aliases
 * below cover the top/ps spellings (`%CPU`, `RSS`, `rss_mb`, `ts`). RSS is normalised to KiB.
 *
 * Active window: samples before `startSkipMs` (default 30 000, as soak scripts' summary-metrics
 * do) after the first sample are skipped — start-up is not steady state. "Total" sums the
 * processes' values at each sampling pass (the rows of one pass share one exact time cell; ticks
 * a few hundred ms apart are separate passes), then averages those sums. A run shorter
 * than the start-skip has no active window at all; its figures are then taken over the whole run
 * (`wholeRun`), and every reader says so — an empty summary would hide what was measured.
 *
 * What is not the measured program is left out when run.json says so (`SampleScope`): the
 * profiler's own processes (0x and its log post-processing, `role: 'profiler'`) and rows taken
 * after the target ended (0x builds its flame graph then). The summary counts what it left out.
 */
import { EngineDiagnostic, warningAt } from '../diagnostics';
import { TsvTable, findColumn } from './tsv';

export interface Sample {
  readonly line: number;
  /** Epoch ms, or ms since the start when the file only has elapsed time. */
  readonly timeMs: number;
  readonly pid?: number;
  readonly name?: string;
  readonly cpuPct?: number;
  readonly rssKb?: number;
}

export interface ResourceStats {
  readonly samples: number;
  readonly avgCpuPct?: number;
  readonly maxCpuPct?: number;
  readonly avgRssKb?: number;
  readonly maxRssKb?: number;
}

export interface ProcessResources extends ResourceStats {
  readonly pid?: number;
  readonly name?: string;
}

/** What of samples.tsv is not the measured program, from run.json (`sampleScopeOf`). */
export interface SampleScope {
  /** Pids whose role is the profiler (0x itself and its log post-processing). */
  readonly profilerPids?: readonly number[];
  /** Epoch ms when the measured program ended; rows after it are left out. */
  readonly targetEndMs?: number;
}

/** Rows the summary left out, and why; absent when nothing was. */
export interface LeftOutSamples {
  /** Rows of the profiler's own processes, and those processes' pids. */
  readonly profilerRows: number;
  readonly profilerPids: number[];
  /** Rows (of the measured program's processes) taken after the target ended. */
  readonly afterEndRows: number;
}

export interface ResourceSummary {
  readonly startSkipMs: number;
  readonly leftOut?: LeftOutSamples;
  /** The active window, in the samples' own time base. */
  readonly windowStartMs?: number;
  readonly windowEndMs?: number;
  readonly skippedSamples: number;
  /** Set when every sample fell inside the start-skip: the figures are over the whole run. */
  readonly wholeRun?: true;
  readonly perProcess: ProcessResources[];
  readonly total: ResourceStats;
}

const TIME = ['time', 'ts', 'timestamp', 'date'];
const ELAPSED = ['elapsed_s', 'elapsed', 't_s', 'seconds'];
const PID = ['pid', 'PID'];
const NAME = ['name', 'label', 'process', 'comm', 'command'];
const CPU = ['cpu_pct', 'cpu%', '%cpu', 'cpu', 'cpu_percent', 'pcpu'];
const RSS: Array<[string, number]> = [
  ['rss_kb', 1],
  ['rss_kib', 1],
  ['rss', 1],
  ['rss_mb', 1024],
  ['rss_mib', 1024],
  ['rss_bytes', 1 / 1024],
];

export function samplesFromTsv(
  t: TsvTable,
  file: string,
): { samples: Sample[]; diagnostics: EngineDiagnostic[] } {
  const cols = sampleColumns(t);
  const diagnostics = missingColumnWarnings(cols, file);
  const samples: Sample[] = [];
  let bad = 0;
  t.rows.forEach((r, k) => {
    const s = sampleOf(r, k, cols);
    samples.push(s);
    const badCell = (cols.cpu && s.cpuPct === undefined) || (cols.rss && s.rssKb === undefined);
    if (badCell && ++bad <= 10) diagnostics.push(badCellWarning(file, r.line));
  });
  return { samples, diagnostics };
}

/** Which header names a samples.tsv uses for each field (aliases above), and RSS's scale to KiB. */
interface SampleColumns {
  readonly time?: string;
  readonly elapsed?: string;
  readonly pid?: string;
  readonly name?: string;
  readonly cpu?: string;
  readonly rss?: string;
  readonly rssScale: number;
}

function sampleColumns(t: TsvTable): SampleColumns {
  const rss = RSS.map(([alias, scale]) => ({ col: findColumn(t.header, [alias]), scale })).find(
    (r) => r.col,
  );
  return {
    time: findColumn(t.header, TIME),
    elapsed: findColumn(t.header, ELAPSED),
    pid: findColumn(t.header, PID),
    name: findColumn(t.header, NAME),
    cpu: findColumn(t.header, CPU),
    rss: rss?.col,
    rssScale: rss?.scale ?? 1,
  };
}

function missingColumnWarnings(cols: SampleColumns, file: string): EngineDiagnostic[] {
  const out: EngineDiagnostic[] = [];
  if (!cols.time && !cols.elapsed)
    out.push(
      warningAt(file, 'no time column; samples are taken as 5 s apart', {
        line: 1,
        expected: `one of ${[...TIME, ...ELAPSED].join(', ')}`,
      }),
    );
  if (!cols.cpu)
    out.push(
      warningAt(file, 'no CPU column; CPU % is not reported', {
        line: 1,
        expected: `one of ${CPU.join(', ')}`,
      }),
    );
  if (!cols.rss)
    out.push(
      warningAt(file, 'no RSS column; memory is not reported', {
        line: 1,
        expected: `one of ${RSS.map((r) => r[0]).join(', ')}`,
      }),
    );
  return out;
}

/** Row `k` as a sample; a cell that is not a plausible number is left out (undefined). */
function sampleOf(r: TsvTable['rows'][number], k: number, cols: SampleColumns): Sample {
  const cpu = cols.cpu ? inRange(num(r.cells[cols.cpu]), MAX_CPU_PCT) : undefined;
  const rss = cols.rss ? inRange(num(r.cells[cols.rss]), MAX_RSS_KB / cols.rssScale) : undefined;
  return {
    line: r.line,
    timeMs: sampleTimeMs(r, k, cols),
    pid: cols.pid ? num(r.cells[cols.pid]) : undefined,
    name: cols.name ? r.cells[cols.name] : undefined,
    cpuPct: cpu,
    rssKb: rss === undefined ? undefined : rss * cols.rssScale,
  };
}

/**
 * The time column (epoch seconds or ms, or an ISO date), else elapsed seconds, else 5 s per row
 * as the PerfLens sampler takes them.
 */
function sampleTimeMs(r: TsvTable['rows'][number], k: number, cols: SampleColumns): number {
  let timeMs: number | undefined;
  if (cols.time && r.cells[cols.time] !== undefined) {
    const v = r.cells[cols.time];
    const n = Number(v);
    timeMs = Number.isFinite(n) && v.trim() !== '' ? (n < 1e11 ? n * 1000 : n) : Date.parse(v);
  }
  if ((timeMs === undefined || !Number.isFinite(timeMs)) && cols.elapsed)
    timeMs = Number(r.cells[cols.elapsed]) * 1000;
  if (timeMs === undefined || !Number.isFinite(timeMs)) timeMs = k * 5000;
  return timeMs;
}

function badCellWarning(file: string, line: number): EngineDiagnostic {
  return warningAt(
    file,
    'sample with a missing, non-numeric, negative or out-of-range CPU/RSS cell; that ' +
      'value is left out',
    { line, expected: `numbers from 0 to ${MAX_CPU_PCT} % CPU and ${MAX_RSS_KB} KiB RSS` },
  );
}

/** Above these a cell is corrupt, not a measurement: 1,000 cores busy; 1 PiB resident. */
const MAX_CPU_PCT = 100_000;
const MAX_RSS_KB = 2 ** 40;

const inRange = (x: number | undefined, max: number): number | undefined =>
  x !== undefined && x >= 0 && x <= max ? x : undefined;

/**
 * Smallest and largest of many numbers without spreading them into arguments (stack overflow past
 * ~125k).
 */
function minMax(xs: readonly number[]): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (const x of xs) {
    if (x < min) min = x;
    if (x > max) max = x;
  }
  return { min, max };
}

function num(v: string | undefined): number | undefined {
  if (v === undefined || v.trim() === '') return undefined;
  const n = Number(v.replace(/%$/, ''));
  return Number.isFinite(n) ? n : undefined;
}

export function summariseResources(
  samples: readonly Sample[],
  startSkipMs = 30_000,
  scope: SampleScope = {},
): ResourceSummary {
  if (samples.length === 0)
    return { startSkipMs, skippedSamples: 0, perProcess: [], total: { samples: 0 } };
  const t0 = minMax(samples.map((s) => s.timeMs)).min;
  const { measured, leftOut } = measuredSamples(samples, scope);
  const afterSkip = measured.filter((s) => s.timeMs - t0 >= startSkipMs);
  const wholeRun = afterSkip.length === 0;
  const active = wholeRun ? measured : afterSkip;
  const times = active.map((s) => s.timeMs);
  return {
    startSkipMs,
    ...(leftOut ? { leftOut } : {}),
    windowStartMs: times.length ? minMax(times).min : undefined,
    windowEndMs: times.length ? minMax(times).max : undefined,
    skippedSamples: measured.length - active.length,
    ...(wholeRun ? { wholeRun: true as const } : {}),
    perProcess: perProcessStats(active),
    total: totalStats(active),
  };
}

/** The rows of the measured program: the profiler's processes and rows after its end left out. */
function measuredSamples(
  samples: readonly Sample[],
  scope: SampleScope,
): { measured: Sample[]; leftOut?: LeftOutSamples } {
  const profiler = new Set(scope.profilerPids ?? []);
  // Only an epoch time base can be compared with run.json's end (elapsed-only files cannot).
  const endMs = scope.targetEndMs;
  const after = (s: Sample): boolean => endMs !== undefined && s.timeMs > 1e11 && s.timeMs > endMs;
  const measured: Sample[] = [];
  const profilerPids = new Set<number>();
  let profilerRows = 0;
  let afterEndRows = 0;
  for (const s of samples) {
    if (s.pid !== undefined && profiler.has(s.pid)) {
      profilerRows++;
      profilerPids.add(s.pid);
    } else if (after(s)) afterEndRows++;
    else measured.push(s);
  }
  if (profilerRows === 0 && afterEndRows === 0) return { measured };
  return {
    measured,
    leftOut: { profilerRows, profilerPids: [...profilerPids].sort((a, b) => a - b), afterEndRows },
  };
}

function perProcessStats(active: readonly Sample[]): ProcessResources[] {
  const byProc = new Map<string, Sample[]>();
  for (const s of active) {
    const key = s.pid !== undefined ? `pid:${s.pid}` : `name:${s.name ?? ''}`;
    let l = byProc.get(key);
    if (!l) byProc.set(key, (l = []));
    l.push(s);
  }
  return [...byProc.values()].map((l) => ({
    pid: l[0].pid,
    name: l[0].name,
    ...stats(
      l.map((s) => s.cpuPct),
      l.map((s) => s.rssKb),
    ),
  }));
}

/**
 * The tree's total per sampling pass, then over the passes. A pass's rows share one exact time
 * cell (the runner stamps them with one clock reading), so rows are grouped by that exact time:
 * rounding to the second would add passes taken a few hundred ms apart together.
 */
function totalStats(active: readonly Sample[]): ResourceStats {
  const byPass = new Map<number, { cpu: number[]; rss: number[] }>();
  for (const s of active) {
    let e = byPass.get(s.timeMs);
    if (!e) byPass.set(s.timeMs, (e = { cpu: [], rss: [] }));
    if (s.cpuPct !== undefined) e.cpu.push(s.cpuPct);
    if (s.rssKb !== undefined) e.rss.push(s.rssKb);
  }
  const passes = [...byPass.values()];
  return stats(
    passes.map((e) => (e.cpu.length ? sum(e.cpu) : undefined)),
    passes.map((e) => (e.rss.length ? sum(e.rss) : undefined)),
  );
}

/**
 * The scope run.json gives samples.tsv: the pids of `processes[]` whose `role` is 'profiler',
 * and `endTime` (when the measured program ended; under 0x the profiled process). run.json may
 * come from another tool, so every field is checked and a missing one only narrows nothing.
 */
export function sampleScopeOf(manifest: unknown): SampleScope {
  if (manifest === null || typeof manifest !== 'object') return {};
  const m = manifest as Record<string, unknown>;
  const profilerPids = (Array.isArray(m.processes) ? (m.processes as unknown[]) : []).flatMap(
    (p) => {
      const r = p !== null && typeof p === 'object' ? (p as Record<string, unknown>) : {};
      return r.role === 'profiler' && Number.isSafeInteger(r.pid) ? [r.pid as number] : [];
    },
  );
  const endMs = typeof m.endTime === 'string' ? Date.parse(m.endTime) : NaN;
  return {
    ...(profilerPids.length > 0 ? { profilerPids } : {}),
    ...(Number.isFinite(endMs) ? { targetEndMs: endMs } : {}),
  };
}

function stats(cpu: Array<number | undefined>, rss: Array<number | undefined>): ResourceStats {
  const c = cpu.filter((x): x is number => x !== undefined);
  const r = rss.filter((x): x is number => x !== undefined);
  return {
    samples: Math.max(cpu.length, rss.length),
    ...(c.length ? { avgCpuPct: round1(sum(c) / c.length), maxCpuPct: round1(minMax(c).max) } : {}),
    ...(r.length
      ? { avgRssKb: Math.round(sum(r) / r.length), maxRssKb: Math.round(minMax(r).max) }
      : {}),
  };
}

const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
const round1 = (x: number): number => Math.round(x * 10) / 10;
