/**
 * `startRun`: spawn a target under a profiler and stream everything it does into a run folder.
 *
 * SECURITY: this EXECUTES `options.command`. Callers decide whether that is allowed (the
 * extension only in a trusted workspace); the runner itself does not check.
 *
 * Order of events for one run:
 *   run.json (status 'running') → spawn as a process-group leader → lines to script.log,
 *   /proc walks to samples.tsv, processes into run.json → end (target exit, duration limit or
 *   stop(): group signal, SIGKILL after the grace period) → leftovers of the group ended →
 *   files closed → analysis hooks' finish → run.json completed → `ended`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PERFLENS_VERSION } from '../protocol/version';
import type { RunAnalysisHooks } from './analysisHooks';
import { createRunAnalysisHooks } from '../engine/soak/runAnalysisHooks';
import { DiagnosticsPoller, checkDiagnosticsUrl } from './diagnosticsPoller';
import {
  endTree,
  signalTree,
  treePids,
  waitPidGone,
  waitTreeGone,
  type TreeRef,
} from './groupKill';
import { LineCapture } from './lineCapture';
import { writeManifest } from './manifest';
import { cpuProfEnv } from './nodeOptions';
import { writePreload } from './preload';
import { procAvailable } from './procfs';
import { listProfiles, pidOfProfile } from './profiles';
import { TreeMonitor } from './treeMonitor';
import type { RunEvents, RunHandle, RunManifest, RunOptions, RunResult, RunStatus } from './types';
import { planZeroX } from './zeroX';

export const RUN_DEFAULTS = {
  graceMs: 5000,
  sampleIntervalMs: 5000,
  scanIntervalMs: 1000,
  diagnosticsIntervalMs: 5000,
  zeroXFinishMs: 120_000,
  env: { SPHERE_PERF: '1', SPHERE_DEBUG: 'perf=info', SPHERE_PERF_DUMP_MS: '5000' } as Readonly<
    Record<string, string>
  >,
};

/** A run that cannot start as asked (bad options); nothing was executed. */
export class RunSetupError extends Error {}

interface Prepared {
  argv: string[];
  env: NodeJS.ProcessEnv;
  shownEnv: Record<string, string>;
  warnings: string[];
}

function prepare(o: RunOptions): Prepared {
  if (o.command.length === 0 || !o.command[0]) throw new RunSetupError('no command to run');
  if (!fs.existsSync(o.cwd)) throw new RunSetupError(`working directory '${o.cwd}' does not exist`);
  const graceMs = o.graceMs ?? RUN_DEFAULTS.graceMs;
  const shownEnv: Record<string, string> = {
    ...RUN_DEFAULTS.env,
    // The preload's own fallback must fire before our SIGKILL does.
    PERFLENS_EXIT_FALLBACK_MS: String(Math.max(100, Math.floor(graceMs * 0.6))),
    ...(o.env ?? {}),
  };
  const warnings: string[] = [];
  let argv = o.shell ? ['/bin/sh', '-c', o.command.join(' ')] : [...o.command];
  if (o.profiler === 'cpu-prof') {
    const profilesDir = path.join(o.runDir, 'profiles');
    fs.mkdirSync(profilesDir, { recursive: true });
    Object.assign(
      shownEnv,
      cpuProfEnv(
        {
          profilesDir,
          preloadPath: writePreload(o.runDir),
          samplingIntervalUs: o.samplingIntervalUs,
        },
        o.env?.NODE_OPTIONS ?? process.env.NODE_OPTIONS,
      ),
    );
  } else if (o.profiler === '0x') {
    if (o.shell)
      throw new RunSetupError(
        '0x cannot profile a shell command line; give the node command itself',
      );
    const plan = planZeroX(
      o.command,
      path.join(o.runDir, '0x'),
      o.nodeBinary ?? 'node',
      o.durationS,
    );
    if (typeof plan === 'string') throw new RunSetupError(plan);
    argv = [...plan.argv];
    warnings.push(...plan.warnings);
  }
  if (!procAvailable())
    warnings.push('no /proc on this system: samples.tsv and the process list stay empty');
  return { argv, env: { ...process.env, ...shownEnv }, shownEnv, warnings };
}

class Run implements RunHandle {
  readonly runDir: string;
  readonly pid: number;
  readonly startTimeMs = Date.now();
  readonly result: Promise<RunResult>;
  private readonly events = new EventEmitter();
  private readonly child: ChildProcess;
  private readonly manifest: RunManifest;
  private readonly capture: LineCapture;
  private readonly monitor: TreeMonitor | undefined;
  private readonly poller: DiagnosticsPoller | undefined;
  private readonly tree: TreeRef;
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly analysis: RunAnalysisHooks | undefined;
  private rootExited = false;
  private endReason: 'stop' | 'duration' | undefined;
  private stopping: Promise<void> | undefined;
  private killed = false;
  private leftovers: number[] = [];
  private readonly onRunnerExit = (): void => signalTree(this.tree, 'SIGTERM');
  private streamsDone!: Promise<void>;

  constructor(private readonly o: RunOptions) {
    this.runDir = path.resolve(o.runDir);
    fs.mkdirSync(this.runDir, { recursive: true });
    const p = prepare({ ...o, runDir: this.runDir });
    this.manifest = {
      formatVersion: 1,
      perflensVersion: PERFLENS_VERSION,
      command: [...o.command],
      shell: o.shell ?? false,
      cwd: path.resolve(o.cwd),
      profiler: o.profiler,
      env: p.shownEnv,
      startTime: new Date(this.startTimeMs).toISOString(),
      runnerPid: process.pid,
      status: 'running',
      processes: [],
      warnings: p.warnings,
    };
    writeManifest(this.runDir, this.manifest);
    const dumpIntervalMs = Number(p.shownEnv.SPHERE_PERF_DUMP_MS);
    this.analysis =
      o.analysis === undefined
        ? createRunAnalysisHooks({
            runDir: this.runDir,
            ...(dumpIntervalMs > 0 ? { dumpIntervalMs } : {}),
          })
        : (o.analysis ?? undefined);
    this.capture = new LineCapture(path.join(this.runDir, 'script.log'), (line, stream) =>
      this.onLine(line, stream),
    );

    this.child = spawn(p.argv[0], p.argv.slice(1), {
      cwd: o.cwd,
      env: p.env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.pid = this.child.pid ?? 0;
    this.tree = { pgid: this.pid, rootPid: () => (this.rootExited ? 0 : this.pid) };
    Object.assign(this.manifest, { pid: this.pid });
    writeManifest(this.runDir, this.manifest);
    this.child.stdout!.on('data', (c: Buffer) => this.capture.push('stdout', c));
    this.child.stderr!.on('data', (c: Buffer) => this.capture.push('stderr', c));
    this.streamsDone = Promise.all(
      [this.child.stdout!, this.child.stderr!].map(
        (s) => new Promise<void>((r) => s.once('close', () => r())),
      ),
    ).then(() => undefined);
    // If the runner itself goes away (editor closed), take the tree with it rather than orphan it.
    process.on('exit', this.onRunnerExit);

    if (this.pid > 0 && procAvailable()) {
      this.monitor = new TreeMonitor(
        this.tree,
        this.startTimeMs,
        path.join(this.runDir, 'samples.tsv'),
        o.sampleIntervalMs ?? RUN_DEFAULTS.sampleIntervalMs,
        o.scanIntervalMs ?? RUN_DEFAULTS.scanIntervalMs,
      );
      this.monitor.on('process', (proc) => {
        this.manifest.processes.push(proc);
        writeManifest(this.runDir, this.manifest);
        this.emit('process', proc);
      });
      this.monitor.on('sample', (rows) => {
        this.safely(() => this.analysis?.onSamples?.(rows));
        this.emit('sample', rows);
      });
      // Next turn, so that a caller's listeners attached right after startRun() see the first process.
      const monitor = this.monitor;
      setImmediate(() => {
        if (!this.rootExited) monitor.start();
      });
    }
    if (o.diagnosticsUrl) {
      const url = checkDiagnosticsUrl(o.diagnosticsUrl);
      if (typeof url === 'string') this.warn(url);
      else {
        this.poller = new DiagnosticsPoller(
          url,
          path.join(this.runDir, 'diagnostics.jsonl'),
          o.diagnosticsIntervalMs ?? RUN_DEFAULTS.diagnosticsIntervalMs,
        );
        this.poller.start();
      }
    }
    if (o.durationS !== undefined && o.durationS > 0) {
      this.timers.push(setTimeout(() => void this.requestEnd('duration'), o.durationS * 1000));
    }
    this.result = this.waitForEnd();
  }

  on<K extends keyof RunEvents>(event: K, listener: (...args: RunEvents[K]) => void): this {
    this.events.on(event, listener as (...a: unknown[]) => void);
    return this;
  }

  off<K extends keyof RunEvents>(event: K, listener: (...args: RunEvents[K]) => void): this {
    this.events.off(event, listener as (...a: unknown[]) => void);
    return this;
  }

  stop(): Promise<RunResult> {
    void this.requestEnd('stop');
    return this.result;
  }

  private emit<K extends keyof RunEvents>(event: K, ...args: RunEvents[K]): void {
    try {
      this.events.emit(event, ...args);
    } catch (err) {
      // A listener's bug must not break the capture.
      this.manifest.warnings.push(`a '${event}' listener threw: ${(err as Error).message}`);
    }
  }

  private warn(message: string): void {
    this.manifest.warnings.push(message);
    this.emit('warning', message);
  }

  private safely(fn: () => void): void {
    try {
      fn();
    } catch (err) {
      this.warn(`analysis hook failed: ${(err as Error).message}`);
    }
  }

  private onLine(line: string, stream: 'stdout' | 'stderr'): void {
    this.emit('line', line, stream);
    const hooks = this.analysis;
    if (!hooks) return;
    this.safely(() => {
      const dumps = hooks.onLine(line, stream, Date.now());
      if (dumps) for (const d of dumps) this.emit('dump', d);
    });
  }

  /** Graceful end of the whole tree; the first reason wins. */
  private requestEnd(reason: 'stop' | 'duration'): Promise<void> {
    if (this.stopping) return this.stopping;
    this.endReason = reason;
    this.stopping = this.endWholeTree();
    return this.stopping;
  }

  private async endWholeTree(): Promise<void> {
    const signal = this.o.stopSignal ?? 'SIGINT';
    const graceMs = this.o.graceMs ?? RUN_DEFAULTS.graceMs;
    if (this.o.profiler === '0x' && !this.rootExited) await this.endZeroXTarget(signal, graceMs);
    const { killed, leftovers } = await endTree(this.tree, signal, graceMs);
    if (killed) {
      this.killed = true;
      this.warn(
        `the process tree ignored ${signal} for ${graceMs} ms and was killed (SIGKILL); profiles of killed processes are missing`,
      );
    }
    this.leftovers = leftovers;
  }

  /**
   * Under 0x the grace period applies to the profiled Node process only: once it has exited,
   * 0x still needs time to turn the V8 log into its flame graph (seconds per MB of log), and
   * killing it then would lose the result. So: signal the group, give the target `graceMs`
   * (SIGKILL it alone if it ignores us), then give 0x up to `zeroXFinishMs` to finish.
   */
  private async endZeroXTarget(signal: NodeJS.Signals, graceMs: number): Promise<void> {
    signalTree(this.tree, signal);
    this.monitor?.scan();
    const target = this.monitor?.processes.find(
      (p) => p.ppid === this.pid && p.argv.includes('--prof'),
    )?.pid;
    if (target !== undefined && !(await waitPidGone(target, graceMs))) {
      this.warn(
        `the profiled process ${target} ignored ${signal} for ${graceMs} ms and was killed; 0x may find its log cut short`,
      );
      try {
        process.kill(target, 'SIGKILL');
      } catch {
        /* gone meanwhile */
      }
    }
    const finishMs = this.o.zeroXFinishMs ?? RUN_DEFAULTS.zeroXFinishMs;
    if (!(await waitTreeGone(this.tree, finishMs)))
      this.warn(`0x did not finish its flame graph within ${finishMs} ms; stopping it`);
  }

  private async waitForEnd(): Promise<RunResult> {
    const exit = await new Promise<{ code: number | null; signal: string | null }>((resolve) => {
      this.child.once('error', (err) => {
        this.capture.push(
          'stderr',
          Buffer.from(`perflens: could not start '${this.o.command[0]}': ${err.message}\n`),
        );
        resolve({ code: null, signal: null });
      });
      this.child.once('exit', (code, signal) => resolve({ code, signal }));
    });
    this.rootExited = true;
    this.manifest.endReason =
      this.endReason === 'stop'
        ? 'stop requested'
        : this.endReason === 'duration'
          ? `duration limit (${this.o.durationS} s)`
          : 'target exited';
    // The leader is gone; whatever else of its group still runs is ended the same way.
    if (this.stopping) await this.stopping;
    const rest = treePids(this.tree);
    if (rest.length > 0) {
      this.warn(`processes outlived the target (${rest.join(', ')}); ending them`);
      await this.endWholeTree();
    }
    await this.streamsClosed();
    return this.finish(exit.code, exit.signal);
  }

  /** Output pipes close once every holder is gone; bounded, since a leftover could hold them. */
  private streamsClosed(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((r) => (timer = setTimeout(r, 2000)));
    return Promise.race([this.streamsDone, timeout]).finally(() => clearTimeout(timer));
  }

  private status(code: number | null, signal: string | null): Exclude<RunStatus, 'running'> {
    if (this.endReason === 'stop') return 'stopped';
    if (this.endReason === 'duration') return this.killed ? 'stopped' : 'completed';
    return code === 0 && !signal ? 'completed' : 'failed';
  }

  private async finish(code: number | null, signal: string | null): Promise<RunResult> {
    for (const t of this.timers) clearTimeout(t);
    process.off('exit', this.onRunnerExit);
    this.monitor?.close();
    await this.poller?.stop();
    this.capture.close();
    const endTimeMs = Date.now();
    const status = this.status(code, signal);
    Object.assign(this.manifest, {
      status,
      endTime: new Date(endTimeMs).toISOString(),
      exitCode: code,
      signal,
    });
    const profiles = listProfiles(this.runDir, this.o.profiler);
    if (this.o.profiler === 'cpu-prof') {
      const nodePids = this.manifest.processes
        .filter((p) => /(^|\/)node(js)?$/.test(p.argv[0] ?? ''))
        .map((p) => p.pid);
      const profiled = new Set(profiles.map(pidOfProfile));
      const missing = nodePids.filter((pid) => !profiled.has(pid));
      if (missing.length > 0)
        this.manifest.warnings.push(`no CPU profile from Node process(es) ${missing.join(', ')}`);
    }
    if (this.analysis) {
      try {
        const w = await this.analysis.finish({
          runDir: this.runDir,
          manifest: this.manifest,
          startTimeMs: this.startTimeMs,
          endTimeMs,
        });
        if (w) this.manifest.warnings.push(...w);
      } catch (err) {
        this.manifest.warnings.push(
          `analysis failed at the end of the run: ${(err as Error).message}`,
        );
      }
    }
    writeManifest(this.runDir, this.manifest);
    const result: RunResult = {
      runDir: this.runDir,
      status,
      exitCode: code,
      signal,
      durationMs: endTimeMs - this.startTimeMs,
      processes: [...this.manifest.processes],
      profiles,
      leftovers: this.leftovers,
      warnings: [...this.manifest.warnings],
    };
    this.emit('ended', result);
    return result;
  }
}

/**
 * Starts `options.command` under `options.profiler`, writing the run folder as it goes.
 * EXECUTES CODE: call only for commands the user trusts (a trusted workspace).
 * Throws `RunSetupError` (before executing anything) when the options cannot work.
 */
export function startRun(options: RunOptions): RunHandle {
  return new Run(options);
}
