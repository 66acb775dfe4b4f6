/**
 * An A/B soak: the baseline and the treatment command run alternately (or in a seeded random
 * order), each iteration a normal profiled run (startRun) into
 * `<out>/ab-<time>/baseline/run-i` and `…/treatment/run-i`, with machine-wide CPU recorded beside
 * the run's own in each run's `machine.tsv`. A side may run in a git worktree of a ref (after an
 * optional setup command there). Stopping keeps every finished iteration; the one cut short is
 * renamed `.stopped-run-i` so a comparison never counts it.
 *
 * It captures only, like startRun: the counter analysis a comparison reads (counters.jsonl,
 * totals.tsv, summary-metrics.json) is the caller's — the CLI passes the engine's hooks as
 * `analysis`; the editor passes none and has the language server follow each iteration, finishing
 * it in `afterIteration`. So nothing of the engine runs in (or is bundled into) the editor.
 *
 * SECURITY: this EXECUTES both commands and the setup command; the extension calls it only in a
 * trusted workspace.
 */
import { mkdir, rename } from 'node:fs/promises';
import * as path from 'node:path';
import { RunSetupError, startRun } from '../startRun';
import type { ProfilerMode, RunHandle, RunOptions, RunResult } from '../types';
import { createAbDir, createSideDirs, writeAbManifest, type AbManifest } from './abFolder';
import { AbSetupError } from './abSetupError';
import { MACHINE_FILE, machineCores, machineCpuRecorder } from './machineCpu';
import { iterationOrder, type Side } from './order';
import { addWorktree, removeWorktree, shellLogged } from './worktrees';

export { AbSetupError } from './abSetupError';

export interface AbSideOptions {
  /** Shell command line of this side. */
  readonly command: string;
  /** Run it in a git worktree of this ref (branch, tag, commit) of the repository at `cwd`. */
  readonly ref?: string;
}

export interface AbOptions {
  readonly baseline: AbSideOptions;
  readonly treatment: AbSideOptions;
  readonly iterations: number;
  readonly order?: 'alternate' | 'random';
  readonly seed?: number;
  /** Run in each worktree before its iterations (e.g. `npm ci && npm run build`). */
  readonly setup?: string;
  /** Where `ab-<time>/` is created. */
  readonly outDir: string;
  readonly cwd: string;
  readonly profiler?: ProfilerMode;
  readonly env?: Readonly<Record<string, string>>;
  /** Stop each iteration after this many seconds. */
  readonly durationS?: number;
  readonly sampleIntervalMs?: number;
  /** V8 sampling interval of each iteration, as `RunOptions.samplingIntervalUs`. */
  readonly samplingIntervalUs?: number;
  readonly graceMs?: number;
  /** As `RunOptions.diagnosticsUrl`: each iteration's log is also scraped from there. */
  readonly diagnosticsUrl?: string;
  /** Aborting stops the current iteration and starts no other. */
  readonly signal?: AbortSignal;
  /** Progress (an iteration started or ended, a setup step). */
  readonly onProgress?: (event: AbProgress) => void;
  /** Output lines of the iterations (for a terminal or an output channel). */
  readonly onLine?: (side: Side, index: number, line: string) => void;
  /**
   * Counter analysis of each iteration, as `RunOptions.analysis` (the CLI passes the engine's
   * `createRunAnalysisHooks`). None: the iterations are only captured.
   */
  readonly analysis?: RunOptions['analysis'];
  /**
   * Awaited after each iteration has ended and before it is set aside (stopped) or the next one
   * starts: where a caller that analyses elsewhere has the iteration's files completed (the
   * editor: the language server writes totals.tsv and summary-metrics.json). A throw ends the A/B
   * like a failed setup.
   */
  readonly afterIteration?: (iteration: AbIteration) => Promise<void>;
}

/** One ended iteration, as `afterIteration` gets it. */
export interface AbIteration {
  readonly side: Side;
  readonly index: number;
  readonly runDir: string;
  readonly result: RunResult;
}

export type AbProgress =
  | { readonly kind: 'setup'; readonly side: Side; readonly dir: string; readonly message: string }
  | {
      readonly kind: 'start';
      readonly side: Side;
      readonly index: number;
      readonly runDir: string;
      readonly step: number;
      readonly steps: number;
    }
  | {
      readonly kind: 'end';
      readonly side: Side;
      readonly index: number;
      readonly result: RunResult;
    };

export interface AbResult {
  readonly abDir: string;
  readonly baselineDir: string;
  readonly treatmentDir: string;
  readonly finished: { readonly baseline: number; readonly treatment: number };
  readonly stopped: boolean;
  /** Problems that ended the A/B early (a worktree or setup that failed). */
  readonly error?: string;
}

/** What a stop request changes while iterations run. */
interface AbRunState {
  stopped: boolean;
  current: RunHandle | undefined;
}

/** One step of the schedule, as it runs. */
interface AbStep {
  readonly side: Side;
  readonly index: number;
  /** 1-based, of `steps`. */
  readonly step: number;
  readonly steps: number;
}

function abManifest(o: AbOptions, schedule: readonly { side: Side; index: number }[]): AbManifest {
  return {
    formatVersion: 1,
    baseline: o.baseline,
    treatment: o.treatment,
    iterations: o.iterations,
    order: o.order ?? 'alternate',
    seed: o.seed ?? 1,
    setup: o.setup,
    profiler: o.profiler ?? 'cpu-prof',
    schedule: schedule.map((s) => `${s.side}/run-${s.index}`),
    startTime: new Date().toISOString(),
    status: 'running',
    endTime: undefined,
    error: undefined,
  };
}

/**
 * Where each side runs: `cwd`, or a worktree of its ref (set up with `o.setup`). Each worktree is
 * put into `worktrees` as soon as it exists, so that it is removed even when a later step fails.
 */
async function prepareSides(
  o: AbOptions,
  dirs: Record<Side, string>,
  worktrees: string[],
): Promise<Record<Side, string>> {
  const cwds: Record<Side, string> = { baseline: o.cwd, treatment: o.cwd };
  for (const side of ['baseline', 'treatment'] as const) {
    const ref = o[side].ref;
    if (!ref) continue;
    o.onProgress?.({ kind: 'setup', side, dir: '', message: `git worktree of ${ref}` });
    const wt = await addWorktree(o.cwd, ref);
    cwds[side] = wt.cwd;
    worktrees.push(wt.root);
    if (!o.setup) continue;
    o.onProgress?.({ kind: 'setup', side, dir: cwds[side], message: `setup: ${o.setup}` });
    const setupLog = path.join(dirs[side], 'setup.log');
    const code = await shellLogged(o.setup, cwds[side], setupLog, o.signal);
    if (code !== 0)
      throw new AbSetupError(
        `setup in the ${side} worktree (${ref}) exited with ${code}; see ${setupLog}`,
      );
  }
  return cwds;
}

/** An iteration as a profiled run: the side's command by the shell, the A/B's run options. */
function iterationRunOptions(o: AbOptions, side: Side, cwd: string, runDir: string): RunOptions {
  return {
    command: [o[side].command],
    shell: true,
    cwd,
    runDir,
    profiler: o.profiler ?? 'cpu-prof',
    env: o.env,
    ...(o.analysis ? { analysis: o.analysis } : {}),
    ...(o.durationS ? { durationS: o.durationS } : {}),
    ...(o.sampleIntervalMs ? { sampleIntervalMs: o.sampleIntervalMs } : {}),
    ...(o.samplingIntervalUs ? { samplingIntervalUs: o.samplingIntervalUs } : {}),
    ...(o.graceMs !== undefined ? { graceMs: o.graceMs } : {}),
    ...(o.diagnosticsUrl ? { diagnosticsUrl: o.diagnosticsUrl } : {}),
  };
}

function startIteration(side: Side, index: number, options: RunOptions): RunHandle {
  try {
    return startRun(options);
  } catch (e) {
    if (e instanceof RunSetupError) throw new AbSetupError(`${side} run-${index}: ${e.message}`);
    throw e;
  }
}

/**
 * Runs one iteration into `<side dir>/run-i`, with machine.tsv beside it, and awaits the caller's
 * `afterIteration`. Undefined when a stop cut it short: then it is renamed `.stopped-run-i`, kept
 * for inspection and out of every comparison.
 */
async function runIteration(
  o: AbOptions,
  s: AbStep,
  sideDir: string,
  cwd: string,
  cores: number,
  state: AbRunState,
): Promise<RunResult | undefined> {
  const { side, index } = s;
  const runDir = path.join(sideDir, `run-${index}`);
  await mkdir(runDir, { recursive: true });
  const recordMachine = await machineCpuRecorder(path.join(runDir, MACHINE_FILE), cores);
  const h = startIteration(side, index, iterationRunOptions(o, side, cwd, runDir));
  state.current = h;
  o.onProgress?.({ kind: 'start', side, index, runDir, step: s.step, steps: s.steps });
  h.on('line', (line) => o.onLine?.(side, index, line));
  const machineRecorded = recordMachine(h);
  const result = await h.result;
  await machineRecorded;
  state.current = undefined;
  if (o.afterIteration) {
    try {
      await o.afterIteration({ side, index, runDir, result });
    } catch (e) {
      throw new AbSetupError(
        `${side} run-${index}: after the iteration: ${e instanceof Error ? e.message : String(e)}`,
      );
    }
  }
  if (result.status === 'stopped' && state.stopped) {
    await rename(runDir, path.join(sideDir, `.stopped-run-${index}`));
    return undefined;
  }
  return result;
}

export async function runAb(o: AbOptions): Promise<AbResult> {
  if (!Number.isInteger(o.iterations) || o.iterations < 1)
    throw new AbSetupError('iterations must be a whole number ≥ 1');
  const abDir = await createAbDir(o.outDir);
  const dirs = await createSideDirs(abDir);
  const schedule = iterationOrder(o.iterations, o.order ?? 'alternate', o.seed ?? 1);
  const manifest = abManifest(o, schedule);
  await writeAbManifest(abDir, manifest);

  const worktrees: string[] = [];
  const finished = { baseline: 0, treatment: 0 };
  const state: AbRunState = { stopped: false, current: undefined };
  let error: string | undefined;
  const onAbort = (): void => {
    state.stopped = true;
    void state.current?.stop();
  };
  o.signal?.addEventListener('abort', onAbort);
  try {
    const cwds = await prepareSides(o, dirs, worktrees);
    const cores = machineCores();
    for (let step = 0; step < schedule.length && !state.stopped && !o.signal?.aborted; step++) {
      const { side, index } = schedule[step];
      const at: AbStep = { side, index, step: step + 1, steps: schedule.length };
      const result = await runIteration(o, at, dirs[side], cwds[side], cores, state);
      if (!result) break;
      finished[side]++;
      o.onProgress?.({ kind: 'end', side, index, result });
    }
  } catch (e) {
    if (!(e instanceof AbSetupError)) throw e;
    error = e.message;
  } finally {
    o.signal?.removeEventListener('abort', onAbort);
    for (const w of worktrees) await removeWorktree(o.cwd, w);
    manifest.status = error ? 'failed' : state.stopped ? 'stopped' : 'completed';
    manifest.endTime = new Date().toISOString();
    manifest.error = error;
    await writeAbManifest(abDir, manifest);
  }
  return {
    abDir,
    baselineDir: dirs.baseline,
    treatmentDir: dirs.treatment,
    finished,
    stopped: state.stopped,
    ...(error ? { error } : {}),
  };
}
