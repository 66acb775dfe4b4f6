/**
 * The file edge of the soak reader: a run folder (`run-1/`, or a PerfLens run) → one run model.
 *
 * Every file is optional (a crashed run, another tool's folder); what is missing is listed, what is
 * malformed is a diagnostic, and the rest is still read. Counters come from `counters.jsonl` when
 * it exists (already parsed during the run), else from scanning `script.log`; Rust diagnostics
 * from `diagnostics.jsonl`. `script.log` is read in one streaming pass for dumps and assertions.
 */
import { readdir, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { EngineDiagnostic, errorAt, warningAt } from '../diagnostics';
import { CounterRun, CounterRunBuilder } from '../counters/counterRun';
import { scanLogFile } from '../counters/logFileScanner';
import { AssertionCounts, AssertionPatterns, createAssertionCounter } from './assertions';
import {
  ResourceSummary,
  Sample,
  sampleScopeOf,
  samplesFromTsv,
  summariseResources,
} from './samples';
import { TsvTable, parseTsv } from './tsv';
import { readTextFile } from '../textFiles';
import { jsonErrorPosition, lineColumnAt } from '../profile/textInput';
import { parseDiagnosticsSnapshots, type DiagnosticsSnapshot } from '../compare/diagnosticsFields';

export const RUN_FILES = [
  'run.json',
  'script.log',
  'counters.jsonl',
  'samples.tsv',
  'totals.tsv',
  'summary-metrics.json',
  'diagnostics.jsonl',
] as const;

export interface ReadRunOptions {
  /** Samples in the first this-many ms are start-up, not steady state. Default 30 000. */
  readonly startSkipMs?: number;
  readonly assertionPatterns?: AssertionPatterns;
  /**
   * SPHERE_PERF_DUMP_MS of the run, when known (else run.json's, else inferred from dump times,
   * else 5000).
   */
  readonly dumpIntervalMs?: number;
  /** Where `dumpIntervalMs` came from, for the report (default `given`). */
  readonly dumpIntervalSource?: string;
  /** Sees every line of `script.log` in the reader's one pass (e.g. for latency histograms). */
  readonly onScriptLogLine?: (line: string, lineNo: number) => void;
}

export interface RunModel {
  readonly dir: string;
  readonly name: string;
  readonly present: string[];
  readonly missing: string[];
  /**
   * run.json as written (PerfLens manifest or another tool's), unvalidated beyond being an object.
   */
  readonly manifest?: Record<string, unknown>;
  readonly wallClockMs?: number;
  readonly counters?: CounterRun;
  /** Where the counters came from. */
  readonly countersFrom?: 'counters.jsonl' | 'script.log';
  /** Rust diagnostics windows, kept apart from perf-counter dumps. */
  readonly diagnosticsCounters?: CounterRun;
  /** diagnostics.jsonl's snapshots with every numeric field (gauges too), for charts over time. */
  readonly diagnosticsSnapshots?: DiagnosticsSnapshot[];
  readonly resources?: ResourceSummary;
  /** samples.tsv's rows, for charts over time (the summary above is over the active window). */
  readonly samples?: Sample[];
  readonly assertions?: AssertionCounts;
  /** totals.tsv as found (header-driven; columns kept as written). */
  readonly totalsTable?: TsvTable;
  /** summary-metrics.json as found. */
  readonly summaryMetrics?: Record<string, unknown>;
  readonly diagnostics: EngineDiagnostic[];
}

async function exists(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isFile();
  } catch {
    return false;
  }
}

/** Runs one file's reader; an I/O error (permissions, a vanished file) becomes a diagnostic. */
async function guarded(
  file: string,
  diags: EngineDiagnostic[],
  fn: () => Promise<void>,
): Promise<void> {
  try {
    await fn();
  } catch (e) {
    diags.push(
      errorAt(file, `could not be read (${(e as Error).message}); the rest of the run is kept`, {
        offset: 0,
      }),
    );
  }
}

/**
 * A JSON object file of the run (run.json, summary-metrics.json). A parse failure is placed at its
 * line and column (from V8's "at position N", else by re-scanning), so every reader of the run —
 * the comparison, the soak report, the editor's Problems — can jump to where the file broke.
 */
async function readJsonObject(
  file: string,
  diags: EngineDiagnostic[],
): Promise<Record<string, unknown> | undefined> {
  const expected = 'a JSON object';
  let text: string;
  try {
    text = await readTextFile(file);
  } catch (e) {
    diags.push(
      warningAt(file, `could not be read (${(e as Error).message}); ignored`, {
        offset: 0,
        expected,
      }),
    );
    return undefined;
  }
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    const message = (e as Error).message;
    const at = jsonErrorPosition(message, text);
    diags.push(
      // V8 quotes the text around the break, newlines and all: one line keeps file:line:col tidy.
      warningAt(file, `not valid JSON (${message.replace(/\s+/g, ' ')}); ignored`, {
        ...(at === undefined ? { offset: 0 } : lineColumnAt(text, at)),
        expected,
      }),
    );
    return undefined;
  }
  if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
  diags.push(warningAt(file, 'not a JSON object; ignored', { offset: 0, expected }));
  return undefined;
}

/**
 * The dump interval: the caller's (a flag), else the run's own `SPHERE_PERF_DUMP_MS` from
 * run.json's `env` (PerfLens runs record it), else left to the dump timestamps or the default.
 */
function dumpIntervalOf(
  opts: ReadRunOptions,
  manifest: Record<string, unknown> | undefined,
): { dumpIntervalMs?: number; dumpIntervalSource?: string } {
  if (opts.dumpIntervalMs !== undefined)
    return {
      dumpIntervalMs: opts.dumpIntervalMs,
      dumpIntervalSource: opts.dumpIntervalSource ?? 'given',
    };
  const env = manifest?.env;
  const raw =
    env !== null && typeof env === 'object'
      ? (env as Record<string, unknown>).SPHERE_PERF_DUMP_MS
      : undefined;
  const ms = typeof raw === 'string' || typeof raw === 'number' ? Number(raw) : NaN;
  return Number.isFinite(ms) && ms > 0
    ? { dumpIntervalMs: ms, dumpIntervalSource: 'run.json SPHERE_PERF_DUMP_MS' }
    : {};
}

export async function readRunFolder(dir: string, opts: ReadRunOptions = {}): Promise<RunModel> {
  const run = await findRunFiles(dir);
  const manifest = run.has('run.json')
    ? await readJsonObject(run.file('run.json'), run.diagnostics)
    : undefined;
  const wallClockMs = wallClockOf(manifest);
  const perf = await readPerfCounters(run, opts, {
    wallClockMs,
    ...dumpIntervalOf(opts, manifest),
  });
  const diagnosticsCounters = await readDiagnosticsCounters(run, wallClockMs);
  const diagnosticsSnapshots = await readDiagnosticsSnapshots(run);
  const resources = await readSamples(run, opts.startSkipMs ?? 30_000, manifest);
  const totalsTable = await readTotalsTable(run);
  const summaryMetrics = run.has('summary-metrics.json')
    ? await readJsonObject(run.file('summary-metrics.json'), run.diagnostics)
    : undefined;
  return {
    dir,
    name: path.basename(path.resolve(dir)),
    present: run.present,
    missing: run.missing,
    manifest,
    wallClockMs: wallClockMs ?? perf.counters?.wallClockMs,
    counters: perf.counters,
    countersFrom: perf.countersFrom,
    diagnosticsCounters,
    ...(diagnosticsSnapshots?.length ? { diagnosticsSnapshots } : {}),
    resources: resources?.summary,
    samples: resources?.samples,
    assertions: perf.assertions,
    totalsTable,
    summaryMetrics,
    diagnostics: run.diagnostics,
  };
}

/** A run folder's files as found, and the diagnostics its readers add to. */
interface RunFiles {
  readonly present: string[];
  readonly missing: string[];
  has(name: string): boolean;
  file(name: string): string;
  readonly diagnostics: EngineDiagnostic[];
}

async function findRunFiles(dir: string): Promise<RunFiles> {
  const present: string[] = [];
  const missing: string[] = [];
  for (const f of RUN_FILES) ((await exists(path.join(dir, f))) ? present : missing).push(f);
  return {
    present,
    missing,
    has: (f) => present.includes(f),
    file: (f) => path.join(dir, f),
    diagnostics: [],
  };
}

/** run.json's end − start, when both are there and make sense. */
function wallClockOf(manifest: Record<string, unknown> | undefined): number | undefined {
  if (!manifest || typeof manifest.startTime !== 'string' || typeof manifest.endTime !== 'string')
    return undefined;
  const w = Date.parse(manifest.endTime) - Date.parse(manifest.startTime);
  return Number.isFinite(w) && w > 0 ? w : undefined;
}

interface PerfCounters {
  readonly counters?: CounterRun;
  readonly countersFrom?: RunModel['countersFrom'];
  readonly assertions?: AssertionCounts;
}

/** Counters: counters.jsonl (already parsed) or script.log; assertions always from script.log. */
async function readPerfCounters(
  run: RunFiles,
  opts: ReadRunOptions,
  build: { wallClockMs?: number; dumpIntervalMs?: number; dumpIntervalSource?: string },
): Promise<PerfCounters> {
  const builder = new CounterRunBuilder();
  const restarts: Array<{ source: string; line: number }> = [];
  let countersFrom: RunModel['countersFrom'] =
    run.has('counters.jsonl') && (await readCountersJsonl(run, builder)) > 0
      ? 'counters.jsonl'
      : undefined;
  let assertions: AssertionCounts | undefined;
  if (run.has('script.log')) {
    const fromLog = countersFrom === undefined;
    assertions = await scanScriptLog(run, opts, fromLog ? builder : undefined, restarts);
    if (fromLog) countersFrom = 'script.log';
  }
  const built = builder.build({ ...build, restarts });
  return built.windowCount > 0
    ? { counters: built, countersFrom, assertions }
    : { countersFrom: undefined, assertions };
}

/** counters.jsonl's dumps into `builder`; returns how many there were. */
async function readCountersJsonl(run: RunFiles, builder: CounterRunBuilder): Promise<number> {
  let dumps = 0;
  const file = run.file('counters.jsonl');
  await guarded(file, run.diagnostics, () =>
    scanLogFile(file, {
      onDump: (d) => {
        dumps++;
        builder.add(d);
      },
      onDiagnostic: (d) => run.diagnostics.push(d),
    }).then(() => undefined),
  );
  // An empty counters.jsonl (a run cut short before its first dump was parsed) must not hide
  // the dumps still in script.log.
  if (dumps === 0 && run.has('script.log'))
    run.diagnostics.push(
      warningAt(file, 'holds no counter dumps; reading them from script.log', {
        offset: 0,
        expected: 'one JSON line per counter dump',
      }),
    );
  return dumps;
}

/**
 * script.log: its PASS/FAIL assertions, its restarts, and its counter dumps (with their
 * diagnostics) into `builder` when the counters come from it.
 */
async function scanScriptLog(
  run: RunFiles,
  opts: ReadRunOptions,
  builder: CounterRunBuilder | undefined,
  restarts: Array<{ source: string; line: number }>,
): Promise<AssertionCounts> {
  const ac = createAssertionCounter(opts.assertionPatterns);
  const file = run.file('script.log');
  await guarded(file, run.diagnostics, async () => {
    await scanLogFile(file, {
      onLine: (l, n) => {
        ac.push(l, n);
        opts.onScriptLogLine?.(l, n);
      },
      onDump: (d) => builder?.add(d),
      onDiagnostic: (d) => (builder ? run.diagnostics.push(d) : undefined),
      onRestart: (source, line) => restarts.push({ source, line }),
    });
  });
  return ac.counts;
}

/** Rust diagnostics windows (diagnostics.jsonl), kept apart from perf-counter dumps. */
async function readDiagnosticsCounters(
  run: RunFiles,
  wallClockMs: number | undefined,
): Promise<CounterRun | undefined> {
  if (!run.has('diagnostics.jsonl')) return undefined;
  const db = new CounterRunBuilder();
  const restarts: Array<{ source: string; line: number }> = [];
  const file = run.file('diagnostics.jsonl');
  await guarded(file, run.diagnostics, async () => {
    await scanLogFile(file, {
      onDump: (d) => db.add(d),
      onDiagnostic: (d) => run.diagnostics.push(d),
      onRestart: (source, line) => restarts.push({ source, line }),
    });
  });
  const r = db.build({ wallClockMs, restarts });
  return r.windowCount > 0 ? r : undefined;
}

/**
 * diagnostics.jsonl's snapshots, every numeric field. Its malformed lines are already reported by
 * readDiagnosticsCounters' scan, so this pass's own warnings are not added twice.
 */
async function readDiagnosticsSnapshots(run: RunFiles): Promise<DiagnosticsSnapshot[] | undefined> {
  if (!run.has('diagnostics.jsonl')) return undefined;
  const file = run.file('diagnostics.jsonl');
  let snapshots: DiagnosticsSnapshot[] | undefined;
  await guarded(file, run.diagnostics, async () => {
    snapshots = parseDiagnosticsSnapshots(await readTextFile(file), file).snapshots;
  });
  return snapshots;
}

/**
 * samples.tsv: the rows, and their summary over the active window (after the start-skip), of the
 * measured program only (run.json's profiler processes and rows after its end left out).
 */
async function readSamples(
  run: RunFiles,
  startSkipMs: number,
  manifest: Record<string, unknown> | undefined,
): Promise<{ summary: ResourceSummary; samples: Sample[] } | undefined> {
  if (!run.has('samples.tsv')) return undefined;
  const file = run.file('samples.tsv');
  let found: { summary: ResourceSummary; samples: Sample[] } | undefined;
  await guarded(file, run.diagnostics, async () => {
    const t = parseTsv(await readTextFile(file), file);
    run.diagnostics.push(...t.diagnostics);
    const s = samplesFromTsv(t, file);
    run.diagnostics.push(...s.diagnostics);
    if (s.samples.length > 0)
      found = {
        summary: summariseResources(s.samples, startSkipMs, sampleScopeOf(manifest)),
        samples: s.samples,
      };
  });
  return found;
}

async function readTotalsTable(run: RunFiles): Promise<TsvTable | undefined> {
  if (!run.has('totals.tsv')) return undefined;
  const file = run.file('totals.tsv');
  let table: TsvTable | undefined;
  await guarded(file, run.diagnostics, async () => {
    table = parseTsv(await readTextFile(file), file);
    run.diagnostics.push(...table.diagnostics);
  });
  return table;
}

/** Sub-folders of a soak folder that are runs (`run-1`, `run-2`, …), in numeric order. */
export async function listRunFolders(soakDir: string): Promise<string[]> {
  const entries = await readdir(soakDir, { withFileTypes: true });
  const runs: Array<[number, string]> = [];
  for (const e of entries) {
    if (!e.isDirectory()) continue;
    const m = /^run[-_]?(\d+)$/i.exec(e.name);
    if (m) runs.push([Number(m[1]), path.join(soakDir, e.name)]);
  }
  return runs.sort((a, b) => a[0] - b[0]).map(([, p]) => p);
}

export interface SoakModel {
  readonly dir: string;
  readonly runs: RunModel[];
}

/** A soak folder: every `run-N/` read as a run. */
export async function readSoakFolder(
  soakDir: string,
  opts: ReadRunOptions = {},
): Promise<SoakModel> {
  const runs: RunModel[] = [];
  for (const r of await listRunFolders(soakDir)) runs.push(await readRunFolder(r, opts));
  return { dir: soakDir, runs };
}

/** What a path is: a soak folder (has run-N children), a run folder, or a single log file. */
export async function classifyPath(p: string): Promise<'soak' | 'run' | 'log' | 'missing'> {
  try {
    const s = await stat(p);
    if (s.isFile()) return 'log';
    if (!s.isDirectory()) return 'missing';
    return (await listRunFolders(p)).length > 0 ? 'soak' : 'run';
  } catch {
    return 'missing';
  }
}
