/**
 * The file edge of a comparison: one side (a run folder, a soak folder `run-1…N`, or what
 * `perflens ab` writes — `baseline/run-1…N`) → its iterations' metrics.
 *
 * Found by content, not by name: a folder holding any run file (run.json, script.log,
 * summary-metrics.json, …) is one iteration; otherwise each sub-folder that holds run files is
 * an iteration, in natural order of their names (run-2 before run-10).
 */
import { readdir, stat } from 'node:fs/promises';
import * as path from 'node:path';
import type { EngineDiagnostic } from '../diagnostics';
import { loadFunctionRows } from '../profile';
import { readRunFolder, RUN_FILES } from '../soak';
import { diagnosticsFields } from './diagnosticsFields';
import type { FlameSide } from './diffFlame';
import { iterationMetrics, wallClockOf } from './iterationMetrics';
import { createLatencyHistogramCollector } from './loadLatencyHistograms';
import { parseLatencySamples } from './latencySamples';
import {
  DEFAULT_NOISE_THRESHOLD,
  MACHINE_FILE,
  isNoisy,
  machineLoad,
  type MachineRow,
} from './machineLoad';
import type { OverTimeCollector } from './overTime';
import type { IterationMetrics } from './metricTypes';
import { readTextFile } from '../textFiles';

export interface LoadSideOptions {
  /** Resource and diagnostics samples in the first this-many ms are start-up. Default 30 000. */
  readonly startSkipMs?: number;
  /** Fraction of the machine's cores others may use before a window is flagged. */
  readonly noiseThreshold?: number;
  /** Read CPU profiles for the functions diff (default true). */
  readonly functions?: boolean;
  /** Fold each iteration's CPU profiles into this side's differential-flame tree. */
  readonly flame?: FlameSide;
  /**
   * Leave iterations with flagged machine.tsv windows out of `flame` and `overTime` (as
   * `compareSides`' `excludeNoisy` leaves them out of the statistics; their metrics are still
   * returned, for it to decide and say).
   */
  readonly excludeNoisy?: boolean;
  /** Collect each iteration's counters and machine load over time, as this side. */
  readonly overTime?: {
    readonly collector: OverTimeCollector;
    readonly side: 'baseline' | 'treatment';
  };
}

export interface LoadedSide {
  readonly path: string;
  readonly iterations: IterationMetrics[];
  /** Set when the path holds no run at all (the side is unusable). */
  readonly error?: string;
}

const RUN_MARKERS = [...RUN_FILES, 'latency', 'profiles', MACHINE_FILE];

async function isDir(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isDirectory();
  } catch {
    return false;
  }
}

async function holdsRun(dir: string): Promise<boolean> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return false;
  }
  return RUN_MARKERS.some((f) => names.includes(f));
}

/** The iteration folders of a side, found by content. */
export async function findIterations(p: string): Promise<string[]> {
  if (await holdsRun(p)) return [p];
  const entries = await readdir(p, { withFileTypes: true });
  const dirs = entries
    .filter((e) => e.isDirectory() && !e.name.startsWith('.')) // .stopped-run-N: cut short
    .map((e) => e.name)
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  const out: string[] = [];
  for (const d of dirs) if (await holdsRun(path.join(p, d))) out.push(path.join(p, d));
  return out;
}

export async function loadIteration(
  dir: string,
  opts: LoadSideOptions = {},
): Promise<IterationMetrics> {
  const startSkipMs = opts.startSkipMs ?? 30_000;
  const problems: EngineDiagnostic[] = [];
  const note = (ds: readonly EngineDiagnostic[]): void => {
    problems.push(...ds);
  };
  const histograms = createLatencyHistogramCollector();
  const scriptLog = histograms.lineSink(path.join(dir, 'script.log'));
  const run = await readRunFolder(dir, { startSkipMs, onScriptLogLine: scriptLog.push });
  scriptLog.end();
  note(run.diagnostics);
  const found = await histograms.finish(dir);
  note(found.diagnostics);

  const latency = new Map<string, number[]>();
  const latencyDir = path.join(dir, 'latency');
  if (await isDir(latencyDir))
    for (const f of (await readdir(latencyDir)).filter((n) => n.endsWith('.txt')).sort()) {
      const file = path.join(latencyDir, f);
      const r = parseLatencySamples(await readTextFile(file), file);
      note(r.diagnostics);
      latency.set(f.slice(0, -4), r.values);
    }

  let fields;
  if (run.present.includes('diagnostics.jsonl')) {
    const file = path.join(dir, 'diagnostics.jsonl');
    const r = diagnosticsFields(await readTextFile(file), file, startSkipMs);
    note(r.diagnostics);
    fields = r.fields;
  }

  // machine.tsv first: a noisy iteration left out feeds neither the flame nor the over-time data.
  let load;
  let machineRows: MachineRow[] = [];
  const noiseThreshold = opts.noiseThreshold ?? DEFAULT_NOISE_THRESHOLD;
  try {
    const file = path.join(dir, MACHINE_FILE);
    const r = machineLoad(await readTextFile(file), file, noiseThreshold);
    load = r.load;
    machineRows = r.rows;
  } catch {
    /* no machine.tsv: not recorded by `perflens ab` */
  }
  const leftOut = opts.excludeNoisy === true && isNoisy(load);

  let functions;
  if (opts.functions !== false) {
    for (const sub of ['profiles', '0x']) {
      const pdir = path.join(dir, sub);
      if (!(await isDir(pdir))) continue;
      const rows = await loadFunctionRows(pdir);
      note(rows.diagnostics);
      if (rows.unit === 'ms') functions = rows.functions;
      const wall = wallClockOf(run);
      if (opts.flame && wall !== undefined && !leftOut)
        opts.flame.add(
          rows.profiles,
          wall,
          typeof run.manifest?.cwd === 'string' ? run.manifest.cwd : undefined,
        );
      break;
    }
  }

  if (!leftOut) opts.overTime?.collector.add(opts.overTime.side, run, machineRows, noiseThreshold);
  return iterationMetrics({
    run,
    latency,
    latencyHistograms: found.histograms,
    diagnosticsFields: fields,
    functions,
    load,
    problems,
  });
}

export async function loadSide(p: string, opts: LoadSideOptions = {}): Promise<LoadedSide> {
  if (!(await isDir(p)))
    return {
      path: p,
      iterations: [],
      error: `${p}: not a folder (expected a run folder, a soak folder or a folder of iterations)`,
    };
  const dirs = await findIterations(p);
  if (dirs.length === 0)
    return {
      path: p,
      iterations: [],
      error: `${p}: no run found (expected ${RUN_FILES.join(', ')} in it or in its sub-folders)`,
    };
  const iterations: IterationMetrics[] = [];
  for (const d of dirs) iterations.push(await loadIteration(d, opts));
  return { path: p, iterations };
}
