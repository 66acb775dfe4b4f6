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
import { execFile, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { appendFile, mkdir, mkdtemp, rename, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { RunSetupError, startRun } from '../startRun';
import type { ProfilerMode, RunHandle, RunOptions, RunResult } from '../types';
import {
  busyCores,
  MACHINE_COLUMNS,
  MACHINE_FILE,
  machineCores,
  readCpuTicks,
  type CpuTicks,
} from './machineCpu';
import { iterationOrder, type Side } from './order';

const run = promisify(execFile);

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

export class AbSetupError extends Error {}

const stamp = (d: Date): string => d.toISOString().replace(/[:]/g, '-').replace(/\..*$/, '');

async function shell(
  command: string,
  cwd: string,
  logFile: string,
  signal?: AbortSignal,
): Promise<number> {
  const log = createWriteStream(logFile, { flags: 'a' });
  const child = spawn('/bin/sh', ['-c', command], {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    signal,
  });
  child.stdout.pipe(log, { end: false });
  child.stderr.pipe(log, { end: false });
  const code = await new Promise<number>((resolve) => {
    child.on('error', () => resolve(1));
    child.on('close', (c) => resolve(c ?? 1));
  });
  log.end();
  return code;
}

/** A git worktree of `ref` of the repository at `cwd`, detached, in a temporary folder. */
async function addWorktree(cwd: string, ref: string): Promise<{ root: string; cwd: string }> {
  const top = (await run('git', ['-C', cwd, 'rev-parse', '--show-toplevel'])).stdout.trim();
  const rel = path.relative(top, cwd);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'perflens-ab-'));
  try {
    await run('git', ['-C', top, 'worktree', 'add', '--detach', dir, ref]);
  } catch (e) {
    throw new AbSetupError(
      `git worktree of '${ref}' failed: ${((e as { stderr?: string }).stderr ?? (e as Error).message).trim()}`,
    );
  }
  return { root: dir, cwd: path.join(dir, rel) };
}

async function removeWorktree(cwd: string, dir: string): Promise<void> {
  try {
    await run('git', ['-C', cwd, 'worktree', 'remove', '--force', dir]);
  } catch {
    /* already gone; `git worktree prune` cleans the record */
  }
}

export async function runAb(o: AbOptions): Promise<AbResult> {
  if (!Number.isInteger(o.iterations) || o.iterations < 1)
    throw new AbSetupError('iterations must be a whole number ≥ 1');
  // ab-<time>, or ab-<time>-2… when another A/B started in the same second.
  await mkdir(o.outDir, { recursive: true });
  const base = path.join(o.outDir, `ab-${stamp(new Date())}`);
  let abDir = base;
  for (let k = 2; ; k++) {
    try {
      await mkdir(abDir);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      abDir = `${base}-${k}`;
    }
  }
  const dirs: Record<Side, string> = {
    baseline: path.join(abDir, 'baseline'),
    treatment: path.join(abDir, 'treatment'),
  };
  await mkdir(dirs.baseline, { recursive: true });
  await mkdir(dirs.treatment, { recursive: true });
  const schedule = iterationOrder(o.iterations, o.order ?? 'alternate', o.seed ?? 1);
  const manifest = {
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
    status: 'running' as 'running' | 'completed' | 'stopped' | 'failed',
    endTime: undefined as string | undefined,
    error: undefined as string | undefined,
  };
  const writeManifest = (): Promise<void> =>
    writeFile(path.join(abDir, 'ab.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  await writeManifest();

  const cwds: Record<Side, string> = { baseline: o.cwd, treatment: o.cwd };
  const worktrees: string[] = [];
  const finished = { baseline: 0, treatment: 0 };
  let stopped = false;
  let error: string | undefined;
  let current: RunHandle | undefined;
  const onAbort = (): void => {
    stopped = true;
    void current?.stop();
  };
  o.signal?.addEventListener('abort', onAbort);
  try {
    for (const side of ['baseline', 'treatment'] as const) {
      const ref = o[side].ref;
      if (!ref) continue;
      o.onProgress?.({ kind: 'setup', side, dir: '', message: `git worktree of ${ref}` });
      const wt = await addWorktree(o.cwd, ref);
      cwds[side] = wt.cwd;
      worktrees.push(wt.root);
      if (o.setup) {
        o.onProgress?.({ kind: 'setup', side, dir: cwds[side], message: `setup: ${o.setup}` });
        const code = await shell(o.setup, cwds[side], path.join(dirs[side], 'setup.log'), o.signal);
        if (code !== 0)
          throw new AbSetupError(
            `setup in the ${side} worktree (${ref}) exited with ${code}; see ${path.join(dirs[side], 'setup.log')}`,
          );
      }
    }
    const cores = machineCores();
    for (let step = 0; step < schedule.length && !stopped && !o.signal?.aborted; step++) {
      const { side, index } = schedule[step];
      const runDir = path.join(dirs[side], `run-${index}`);
      await mkdir(runDir, { recursive: true });
      const machineFile = path.join(runDir, MACHINE_FILE);
      await writeFile(machineFile, `${MACHINE_COLUMNS.join('\t')}\n`);
      let last: CpuTicks | undefined = readCpuTicks();
      let h: RunHandle;
      try {
        h = startRun({
          command: [o[side].command],
          shell: true,
          cwd: cwds[side],
          runDir,
          profiler: o.profiler ?? 'cpu-prof',
          env: o.env,
          ...(o.analysis ? { analysis: o.analysis } : {}),
          ...(o.durationS ? { durationS: o.durationS } : {}),
          ...(o.sampleIntervalMs ? { sampleIntervalMs: o.sampleIntervalMs } : {}),
          ...(o.samplingIntervalUs ? { samplingIntervalUs: o.samplingIntervalUs } : {}),
          ...(o.graceMs !== undefined ? { graceMs: o.graceMs } : {}),
          ...(o.diagnosticsUrl ? { diagnosticsUrl: o.diagnosticsUrl } : {}),
        });
      } catch (e) {
        if (e instanceof RunSetupError)
          throw new AbSetupError(`${side} run-${index}: ${e.message}`);
        throw e;
      }
      current = h;
      o.onProgress?.({
        kind: 'start',
        side,
        index,
        runDir,
        step: step + 1,
        steps: schedule.length,
      });
      h.on('line', (line) => o.onLine?.(side, index, line));
      h.on('sample', (samples) => {
        const now = readCpuTicks();
        if (!now || !last) return;
        const machine = busyCores(last, now, cores);
        last = now;
        const own = samples.reduce((a, s) => a + s.cpuPct, 0) / 100;
        const other = Math.max(0, machine - own);
        const row = [Date.now(), cores, machine.toFixed(3), own.toFixed(3), other.toFixed(3)].join(
          '\t',
        );
        void appendFile(machineFile, `${row}\n`);
      });
      const result = await h.result;
      current = undefined;
      if (o.afterIteration) {
        try {
          await o.afterIteration({ side, index, runDir, result });
        } catch (e) {
          throw new AbSetupError(
            `${side} run-${index}: after the iteration: ${e instanceof Error ? e.message : String(e)}`,
          );
        }
      }
      if (result.status === 'stopped' && stopped) {
        // Cut short by the user: keep it for inspection, out of every comparison.
        await rename(runDir, path.join(dirs[side], `.stopped-run-${index}`));
        break;
      }
      finished[side]++;
      o.onProgress?.({ kind: 'end', side, index, result });
    }
  } catch (e) {
    if (!(e instanceof AbSetupError)) throw e;
    error = e.message;
  } finally {
    o.signal?.removeEventListener('abort', onAbort);
    for (const w of worktrees) await removeWorktree(o.cwd, w);
    manifest.status = error ? 'failed' : stopped ? 'stopped' : 'completed';
    manifest.endTime = new Date().toISOString();
    manifest.error = error;
    await writeManifest();
  }
  return {
    abDir,
    baselineDir: dirs.baseline,
    treatmentDir: dirs.treatment,
    finished,
    stopped,
    ...(error ? { error } : {}),
  };
}
