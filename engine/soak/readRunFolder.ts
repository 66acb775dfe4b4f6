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
import { ResourceSummary, Sample, samplesFromTsv, summariseResources } from './samples';
import { TsvTable, parseTsv } from './tsv';
import { readTextFile } from '../textFiles';

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

async function readJsonObject(
  file: string,
  diags: EngineDiagnostic[],
): Promise<Record<string, unknown> | undefined> {
  try {
    const v: unknown = JSON.parse(await readTextFile(file));
    if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
    diags.push(
      warningAt(file, 'not a JSON object; ignored', { offset: 0, expected: 'a JSON object' }),
    );
  } catch (e) {
    diags.push(
      warningAt(file, `not valid JSON or unreadable (${(e as Error).message}); ignored`, {
        offset: 0,
        expected: 'a JSON object',
      }),
    );
  }
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
  const diagnostics: EngineDiagnostic[] = [];
  const present: string[] = [];
  const missing: string[] = [];
  for (const f of RUN_FILES) ((await exists(path.join(dir, f))) ? present : missing).push(f);
  const has = (f: string): boolean => present.includes(f);
  const file = (f: string): string => path.join(dir, f);

  const manifest = has('run.json')
    ? await readJsonObject(file('run.json'), diagnostics)
    : undefined;
  let wallClockMs: number | undefined;
  if (manifest && typeof manifest.startTime === 'string' && typeof manifest.endTime === 'string') {
    const w = Date.parse(manifest.endTime) - Date.parse(manifest.startTime);
    if (Number.isFinite(w) && w > 0) wallClockMs = w;
  }

  const interval = dumpIntervalOf(opts, manifest);
  // Counters: counters.jsonl (already parsed) or script.log; assertions always from script.log.
  const builder = new CounterRunBuilder();
  const restarts: Array<{ source: string; line: number }> = [];
  let countersFrom: RunModel['countersFrom'];
  if (has('counters.jsonl')) {
    let dumps = 0;
    await guarded(file('counters.jsonl'), diagnostics, () =>
      scanLogFile(file('counters.jsonl'), {
        onDump: (d) => {
          dumps++;
          builder.add(d);
        },
        onDiagnostic: (d) => diagnostics.push(d),
      }).then(() => undefined),
    );
    // An empty counters.jsonl (a run cut short before its first dump was parsed) must not hide
    // the dumps still in script.log.
    if (dumps > 0) countersFrom = 'counters.jsonl';
    else if (has('script.log'))
      diagnostics.push(
        warningAt(file('counters.jsonl'), 'holds no counter dumps; reading them from script.log', {
          offset: 0,
          expected: 'one JSON line per counter dump',
        }),
      );
  }
  let assertions: AssertionCounts | undefined;
  if (has('script.log')) {
    const ac = createAssertionCounter(opts.assertionPatterns);
    const fromLog = countersFrom === undefined;
    await guarded(file('script.log'), diagnostics, async () => {
      await scanLogFile(file('script.log'), {
        onLine: (l, n) => ac.push(l, n),
        onDump: (d) => (fromLog ? builder.add(d) : undefined),
        onDiagnostic: (d) => (fromLog ? diagnostics.push(d) : undefined),
        onRestart: (source, line) => restarts.push({ source, line }),
      });
    });
    if (fromLog) countersFrom = 'script.log';
    assertions = ac.counts;
  }
  const built = builder.build({ wallClockMs, ...interval, restarts });
  const counters = built.windowCount > 0 ? built : undefined;
  if (!counters) countersFrom = undefined;

  let diagnosticsCounters: CounterRun | undefined;
  if (has('diagnostics.jsonl')) {
    const db = new CounterRunBuilder();
    const drestarts: Array<{ source: string; line: number }> = [];
    await guarded(file('diagnostics.jsonl'), diagnostics, async () => {
      await scanLogFile(file('diagnostics.jsonl'), {
        onDump: (d) => db.add(d),
        onDiagnostic: (d) => diagnostics.push(d),
        onRestart: (source, line) => drestarts.push({ source, line }),
      });
    });
    const r = db.build({ wallClockMs, restarts: drestarts });
    if (r.windowCount > 0) diagnosticsCounters = r;
  }

  let resources: ResourceSummary | undefined;
  let samples: Sample[] | undefined;
  if (has('samples.tsv')) {
    await guarded(file('samples.tsv'), diagnostics, async () => {
      const t = parseTsv(await readTextFile(file('samples.tsv')), file('samples.tsv'));
      diagnostics.push(...t.diagnostics);
      const s = samplesFromTsv(t, file('samples.tsv'));
      diagnostics.push(...s.diagnostics);
      if (s.samples.length > 0) {
        resources = summariseResources(s.samples, opts.startSkipMs ?? 30_000);
        samples = s.samples;
      }
    });
  }
  let totalsTable: TsvTable | undefined;
  if (has('totals.tsv')) {
    await guarded(file('totals.tsv'), diagnostics, async () => {
      const t = parseTsv(await readTextFile(file('totals.tsv')), file('totals.tsv'));
      totalsTable = t;
      diagnostics.push(...t.diagnostics);
    });
  }
  const summaryMetrics = has('summary-metrics.json')
    ? await readJsonObject(file('summary-metrics.json'), diagnostics)
    : undefined;

  return {
    dir,
    name: path.basename(path.resolve(dir)),
    present,
    missing,
    manifest,
    wallClockMs: wallClockMs ?? counters?.wallClockMs,
    counters,
    countersFrom,
    diagnosticsCounters,
    resources,
    samples,
    assertions,
    totalsTable,
    summaryMetrics,
    diagnostics,
  };
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
