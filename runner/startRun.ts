/**
 * `startRun`: spawn a target under a profiler and stream everything it does into a run folder.
 *
 * SECURITY: this EXECUTES `options.command`. Callers decide whether that is allowed (the
 * extension only in a trusted workspace); the runner itself does not check.
 *
 * Order of events for one run:
 *   the folder claimed (refused if it holds another run) → run.json (status 'running') → spawn
 *   as a process-group leader, with a watchdog that ends the tree if the runner dies → lines to
 *   script.log, /proc walks to samples.tsv, processes into run.json → end (target exit, duration
 *   limit or stop(): ONE signal to the tree, the grace period, SIGKILL — each step into run.json)
 *   → leftovers ended → files closed → analysis hooks' finish → run.json with the true outcome
 *   (runOutcome.ts) and what was lost → `ended`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PERFLENS_VERSION } from '../protocol/version';
import { DiagnosticsPoller, checkDiagnosticsUrl } from './diagnosticsPoller';
import {
  endTree,
  killTree,
  signalTree,
  signalTreeRecorded,
  treePids,
  waitPidGone,
  waitTreeGone,
  type StopRecorder,
  type TreeRef,
} from './groupKill';
import { LineCapture } from './lineCapture';
import { writeManifest } from './manifest';
import { cpuProfEnv } from './nodeOptions';
import { preloadEventsFile, readForcedExits, writePreload } from './preload';
import { procAvailable } from './procfs';
import { listProfiles, pidOfProfile } from './profiles';
import { claimRunFolder } from './runLock';
import { decideStatus } from './runOutcome';
import { TreeMonitor } from './treeMonitor';
import type {
  LostItem,
  RunAnalysisHooks,
  RunEvents,
  RunHandle,
  RunManifest,
  RunOptions,
  RunResult,
  SeenProcess,
} from './types';
import { Watchdog } from './watchdog';
import { planZeroX } from './zeroX';
import {
  readZeroXTargetExit,
  readZeroXTargetPid,
  writeZeroXRecorder,
  zeroXExitsFile,
} from './zeroXExits';

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
/** The run folder holds or is locked by another run (runLock.ts): refused, nothing written. */
export class RunFolderInUseError extends RunSetupError {}

interface Prepared {
  argv: string[];
  env: NodeJS.ProcessEnv;
  shownEnv: Record<string, string>;
  warnings: string[];
}

function prepare(o: RunOptions, startTime: string): Prepared {
  if (o.command.length === 0 || !o.command[0]) throw new RunSetupError('no command to run');
  if (!fs.existsSync(o.cwd)) throw new RunSetupError(`working directory '${o.cwd}' does not exist`);
  if (o.profiler === '0x') {
    // Checked before the folder is claimed, so a corrected retry into the same folder works.
    if (o.shell)
      throw new RunSetupError(
        '0x cannot profile a shell command line; give the node command itself',
      );
    const plan = planZeroX(o.command, path.join(o.runDir, '0x'), 'node', o.durationS);
    if (typeof plan === 'string') throw new RunSetupError(plan);
  }
  const refused = claimRunFolder(o.runDir, startTime);
  if (refused) throw new RunFolderInUseError(refused);
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
      { PERFLENS_EVENTS_FILE: preloadEventsFile(o.runDir) },
    );
  } else if (o.profiler === '0x') {
    const plan = planZeroX(
      o.command,
      path.join(o.runDir, '0x'),
      o.nodeBinary ?? 'node',
      o.durationS,
      writeZeroXRecorder(o.runDir),
    );
    if (typeof plan === 'string') throw new RunSetupError(plan);
    argv = [...plan.argv];
    warnings.push(...plan.warnings);
    shownEnv.PERFLENS_ZEROX_EXITS = zeroXExitsFile(o.runDir);
  }
  if (!procAvailable())
    warnings.push('no /proc on this system: samples.tsv and the process list stay empty');
  return { argv, env: { ...process.env, ...shownEnv }, shownEnv, warnings };
}

/** run.json as the run starts: what runs, where, with which environment, and `running`. */
function initialManifest(o: RunOptions, p: Prepared, startTime: string): RunManifest {
  return {
    formatVersion: 1,
    perflensVersion: PERFLENS_VERSION,
    command: [...o.command],
    shell: o.shell ?? false,
    cwd: path.resolve(o.cwd),
    profiler: o.profiler,
    env: p.shownEnv,
    startTime,
    runnerPid: process.pid,
    status: 'running',
    processes: [],
    warnings: p.warnings,
  };
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
  private readonly watchdog: Watchdog;
  private readonly tree: TreeRef;
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly analysis: RunAnalysisHooks | undefined;
  private rootExited = false;
  private endReason: 'stop' | 'duration' | undefined;
  private stopping: Promise<void> | undefined;
  /** Pids that were SIGKILLed: whatever they had not written (profiles) is lost. */
  private readonly killed = new Set<number>();
  private leftovers: number[] = [];
  private readonly onRunnerExit = (): void => void signalTree(this.tree, 'SIGTERM');
  private streamsDone!: Promise<void>;
  private readonly record: StopRecorder = (step) => {
    this.manifest.stop ??= { reason: this.stopReason(), steps: [] };
    this.manifest.stop.steps.push({ time: new Date().toISOString(), ...step });
    // Each step lands on disk at once: a runner that dies mid-stop still shows how far it got.
    writeManifest(this.runDir, this.manifest);
  };

  constructor(private readonly o: RunOptions) {
    this.runDir = path.resolve(o.runDir);
    const startTime = new Date(this.startTimeMs).toISOString();
    const p = prepare({ ...o, runDir: this.runDir }, startTime);
    this.manifest = initialManifest(o, p, startTime);
    writeManifest(this.runDir, this.manifest);
    const dumpIntervalMs = Number(p.shownEnv.SPHERE_PERF_DUMP_MS);
    this.analysis = o.analysis?.({
      runDir: this.runDir,
      ...(dumpIntervalMs > 0 ? { dumpIntervalMs } : {}),
    });
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
    this.tree = {
      pgid: this.pid,
      rootPid: () => (this.rootExited ? 0 : this.pid),
      known: () => this.monitor?.known() ?? new Map(),
    };
    // Ends the tree if this process dies without finishing the run (even by SIGKILL).
    this.watchdog = new Watchdog(this.pid, o.graceMs ?? RUN_DEFAULTS.graceMs);
    Object.assign(this.manifest, {
      pid: this.pid,
      ...(this.watchdog.pid ? { watchdogPid: this.watchdog.pid } : {}),
    });
    writeManifest(this.runDir, this.manifest);
    this.streamsDone = this.captureOutput();
    // If the runner itself goes away (editor closed), take the tree with it rather than orphan it.
    process.on('exit', this.onRunnerExit);

    this.monitor = this.pid > 0 && procAvailable() ? this.startMonitor() : undefined;
    this.poller = o.diagnosticsUrl ? this.startDiagnosticsPoller(o.diagnosticsUrl) : undefined;
    if (o.durationS !== undefined && o.durationS > 0) {
      this.timers.push(setTimeout(() => void this.requestEnd('duration'), o.durationS * 1000));
    }
    this.result = this.waitForEnd();
  }

  /** The child's output into script.log (and the analysis); resolves when both pipes closed. */
  private captureOutput(): Promise<void> {
    this.child.stdout!.on('data', (c: Buffer) => this.capture.push('stdout', c));
    this.child.stderr!.on('data', (c: Buffer) => this.capture.push('stderr', c));
    return Promise.all(
      [this.child.stdout!, this.child.stderr!].map(
        (s) => new Promise<void>((r) => s.once('close', () => r())),
      ),
    ).then(() => undefined);
  }

  /** /proc walks of the tree: its processes into run.json, CPU and RSS into samples.tsv. */
  private startMonitor(): TreeMonitor {
    const monitor = new TreeMonitor(
      this.tree,
      this.startTimeMs,
      path.join(this.runDir, 'samples.tsv'),
      this.o.sampleIntervalMs ?? RUN_DEFAULTS.sampleIntervalMs,
      this.o.scanIntervalMs ?? RUN_DEFAULTS.scanIntervalMs,
    );
    monitor.on('process', (proc) => {
      if (this.isProfilerProcess(proc)) proc.role = 'profiler';
      this.manifest.processes.push(proc);
      writeManifest(this.runDir, this.manifest);
      this.emit('process', proc);
    });
    monitor.on('escaped', (proc) => {
      this.watchdog.addPid(proc.pid);
      writeManifest(this.runDir, this.manifest);
    });
    monitor.on('sample', (rows) => {
      this.safely(() => this.analysis?.onSamples?.(rows));
      this.emit('sample', rows);
    });
    // Next turn, so that a caller's listeners attached right after startRun() see the first
    // process.
    setImmediate(() => {
      if (!this.rootExited) monitor.start();
    });
    return monitor;
  }

  /** The service's diagnostics endpoint polled into diagnostics.jsonl; a bad URL is a warning. */
  private startDiagnosticsPoller(diagnosticsUrl: string): DiagnosticsPoller | undefined {
    const url = checkDiagnosticsUrl(diagnosticsUrl);
    if (typeof url === 'string') {
      this.warn(url);
      return undefined;
    }
    const poller = new DiagnosticsPoller(
      url,
      path.join(this.runDir, 'diagnostics.jsonl'),
      this.o.diagnosticsIntervalMs ?? RUN_DEFAULTS.diagnosticsIntervalMs,
    );
    poller.start();
    return poller;
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

  kill(): Promise<RunResult> {
    this.endReason ??= 'stop';
    if (!this.rootExited || treePids(this.tree).length > 0)
      void killTree(this.tree, this.record, 'killed at once on request (second Ctrl-C)').then(
        ({ killed, leftovers }) => {
          for (const pid of killed) this.killed.add(pid);
          this.leftovers = leftovers;
        },
      );
    return this.result;
  }

  /**
   * 0x's own process and its log post-processing are the profiler, not the measured program:
   * under 0x everything but the profiled process and its descendants.
   */
  private isProfilerProcess(proc: SeenProcess): boolean {
    if (this.o.profiler !== '0x') return false;
    const target = this.zeroXTargetPid();
    if (target === undefined) return proc.pid === this.pid || !(proc.argv ?? []).includes('--prof');
    // Walk up the parents the run has seen: the target's subtree is measured, the rest is 0x.
    const parent = new Map(this.manifest.processes.map((p) => [p.pid, p.ppid]));
    for (let pid: number | undefined = proc.pid, hops = 0; pid && hops < 64; hops++) {
      if (pid === target) return false;
      if (pid === this.pid) return true;
      pid = parent.get(pid);
    }
    return true;
  }

  /** The profiled process under 0x: the child 0x started with `--prof` (its own record first). */
  private zeroXTargetPid(): number | undefined {
    return (
      readZeroXTargetPid(this.runDir) ??
      this.manifest.processes.find((p) => p.ppid === this.pid && p.argv?.includes('--prof'))?.pid
    );
  }

  private stopReason(): string {
    return this.endReason === 'stop'
      ? 'stop requested'
      : this.endReason === 'duration'
        ? `duration limit (${this.o.durationS} s)`
        : 'the target exited; processes it left running were ended';
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
    this.monitor?.scan(); // the freshest view of the tree, escapees included
    const { killed, leftovers } =
      this.o.profiler === '0x' && !this.rootExited
        ? await this.endZeroXTree(signal, graceMs)
        : await endTree(this.tree, signal, graceMs, this.record);
    for (const pid of killed) this.killed.add(pid);
    if (killed.length > 0)
      this.warn(
        `process(es) ${killed.join(', ')} ignored ${signal} for ${graceMs} ms and were killed ` +
          `(SIGKILL)`,
      );
    this.leftovers = leftovers;
  }

  /**
   * Under 0x the grace period applies to the profiled Node process only: once it has exited,
   * 0x still needs time to turn the V8 log into its flame graph (seconds per MB of log), and
   * killing it then would lose the result. So: the one signal to the tree (0x itself treats a
   * SECOND SIGINT as "force close"), `graceMs` for the target (SIGKILL to it alone if it
   * ignores us), then up to `zeroXFinishMs` for 0x to finish before the rest is killed.
   */
  private async endZeroXTree(
    signal: NodeJS.Signals,
    graceMs: number,
  ): Promise<{ killed: number[]; leftovers: number[] }> {
    signalTreeRecorded(this.tree, signal, this.record);
    const target = this.zeroXTargetPid();
    const killed: number[] = [];
    if (target !== undefined) {
      if (await waitPidGone(target, graceMs))
        this.record({ action: 'exited', pids: [target], note: 'the profiled process exited' });
      else {
        this.record({
          action: 'grace-expired',
          pids: [target],
          note: `the profiled process still ran ${graceMs} ms after ${signal}`,
        });
        try {
          process.kill(target, 'SIGKILL');
          killed.push(target);
        } catch {
          /* gone meanwhile */
        }
        this.record({ action: 'signal', signal: 'SIGKILL', pids: [target] });
      }
    }
    const finishMs = this.o.zeroXFinishMs ?? RUN_DEFAULTS.zeroXFinishMs;
    if (await waitTreeGone(this.tree, finishMs)) {
      this.record({ action: 'exited', note: '0x finished' });
      return { killed, leftovers: [] };
    }
    this.warn(`0x did not finish its flame graph within ${finishMs} ms; stopping it`);
    const rest = await killTree(this.tree, this.record, `0x still ran ${finishMs} ms later`);
    return { killed: [...killed, ...rest.killed], leftovers: rest.leftovers };
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
    const rootEndMs = Date.now();
    this.rootExited = true;
    this.manifest.endReason =
      this.endReason === 'stop'
        ? 'stop requested'
        : this.endReason === 'duration'
          ? `duration limit (${this.o.durationS} s)`
          : 'target exited';
    if (this.stopping) await this.stopping;
    else {
      // The leader is gone by itself; whatever else of the tree still runs is ended the same way.
      this.monitor?.scan();
      const rest = treePids(this.tree);
      if (rest.length > 0) {
        this.warn(`processes outlived the target (${rest.join(', ')}); ending them`);
        this.stopping = this.endWholeTree();
        await this.stopping;
      }
    }
    await this.streamsClosed();
    this.emit('treeGone', Date.now());
    return this.finish(exit.code, exit.signal, rootEndMs);
  }

  /** Output pipes close once every holder is gone; bounded, since a leftover could hold them. */
  private streamsClosed(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((r) => (timer = setTimeout(r, 2000)));
    return Promise.race([this.streamsDone, timeout]).finally(() => clearTimeout(timer));
  }

  /** The measured program's own exit: under 0x, 0x's child run with --prof, not 0x. */
  private targetExit(
    code: number | null,
    signal: string | null,
    rootEndMs: number,
  ): { code: number | null; signal: string | null; endMs: number } {
    if (this.o.profiler !== '0x') return { code, signal, endMs: rootEndMs };
    const t = readZeroXTargetExit(this.runDir);
    if (!t) {
      if (this.pid > 0)
        this.warn(
          `the profiled process's own exit status was not recorded; showing 0x's ` +
            `(${signal ?? `exit code ${code}`})`,
        );
      return { code, signal, endMs: rootEndMs };
    }
    this.manifest.target = {
      pid: t.pid,
      exitCode: t.code,
      signal: t.signal,
      endTime: new Date(t.time).toISOString(),
    };
    if (code !== 0 || signal)
      this.warn(
        `0x itself ended with ${signal ?? `exit code ${code}`}; its flame graph may be missing`,
      );
    return { code: t.code, signal: t.signal, endMs: t.time };
  }

  /** What the run did not yield: profiles of Node processes that never wrote one, and why. */
  private lostItems(profiles: readonly string[], target: number | undefined): LostItem[] {
    const lost: LostItem[] = [];
    const why = (pid: number): string =>
      this.killed.has(pid)
        ? 'it was killed (SIGKILL) after ignoring the stop signal for the grace period'
        : 'it ended without an orderly exit (killed by a signal from elsewhere, or it crashed)';
    if (this.o.profiler === 'cpu-prof') {
      const profiled = new Set(profiles.map(pidOfProfile));
      for (const p of this.manifest.processes)
        if (/(^|\/)node(js)?$/.test(p.argv?.[0] ?? '') && !profiled.has(p.pid))
          lost.push({ pid: p.pid, what: 'CPU profile', why: why(p.pid) });
    } else if (this.o.profiler === '0x' && target !== undefined) {
      if (profiles.length === 0)
        lost.push({
          pid: target,
          what: '0x profile (V8 log)',
          why: 'no V8 log was left under 0x/',
        });
      else if (this.killed.has(target) || this.manifest.target?.signal === 'SIGKILL')
        lost.push({
          pid: target,
          what: 'the end of the 0x profile',
          why: 'the profiled process was killed (SIGKILL); its V8 log may be cut short',
        });
    }
    return lost;
  }

  /** Everything that watched the run let go: timers, watchdog, monitor, poller, script.log. */
  private async release(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    process.off('exit', this.onRunnerExit);
    this.watchdog.release();
    this.monitor?.close();
    await this.poller?.stop();
    this.capture.close();
  }

  /**
   * The run's status from its target's exit; a run is `forced` when the preload had to force a
   * process out or a measured (not profiler) process was killed.
   */
  private decideRunStatus(code: number | null, signal: string | null): RunResult['status'] {
    const forcedPids = readForcedExits(this.runDir);
    const profilerPids = new Set(
      this.manifest.processes.filter((p) => p.role === 'profiler').map((p) => p.pid),
    );
    const forced = forcedPids.length > 0 || [...this.killed].some((pid) => !profilerPids.has(pid));
    if (forcedPids.length > 0)
      this.warn(
        `process(es) ${forcedPids.join(', ')} did not exit ` +
          `on ${this.o.stopSignal ?? 'SIGINT'}; PerfLens's preload forced their ` +
          `exit so their profiles were still written`,
      );
    return decideStatus({
      endedBy: this.endReason,
      exitCode: code,
      signal,
      stopSignal: this.o.stopSignal ?? 'SIGINT',
      forced,
    });
  }

  /** The outcome into run.json: status, end, exit, what was lost, what survived. */
  private recordOutcome(
    outcome: Pick<RunResult, 'status' | 'exitCode' | 'signal'>,
    endTimeMs: number,
    finishedMs: number,
    lost: readonly LostItem[],
  ): void {
    Object.assign(this.manifest, {
      status: outcome.status,
      endTime: new Date(endTimeMs).toISOString(),
      exitCode: outcome.exitCode,
      signal: outcome.signal,
      ...(lost.length > 0 ? { lost } : {}),
      ...(this.leftovers.length > 0 ? { survivors: this.leftovers } : {}),
    });
    if (endTimeMs < finishedMs - 1000)
      Object.assign(this.manifest, { profilerEndTime: new Date(finishedMs).toISOString() });
    for (const l of lost)
      this.manifest.warnings.push(`no ${l.what} from pid ${l.pid ?? '?'}: ${l.why}`);
    if (this.leftovers.length > 0)
      this.manifest.warnings.push(
        `process(es) still alive after SIGKILL: ${this.leftovers.join(', ')}`,
      );
  }

  /** The caller's analysis finishes (totals, summaries); its warnings, or its failure, noted. */
  private async finishAnalysis(endTimeMs: number): Promise<void> {
    if (!this.analysis) return;
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

  private async finish(
    rootCode: number | null,
    rootSignal: string | null,
    rootEndMs: number,
  ): Promise<RunResult> {
    await this.release();
    const finishedMs = Date.now();
    const target = this.o.profiler === '0x' ? this.zeroXTargetPid() : this.pid;
    // Roles again now that 0x's records are complete (a process seen before its exec showed
    // its parent's argv).
    for (const p of this.manifest.processes)
      if (this.isProfilerProcess(p)) p.role = 'profiler';
      else delete p.role;
    const { code, signal, endMs } = this.targetExit(rootCode, rootSignal, rootEndMs);
    const status = this.decideRunStatus(code, signal);
    // The wall clock of the measured program: under 0x it ends when the target exits, not when
    // 0x has finished its flame graph.
    const endTimeMs = Math.min(endMs, finishedMs);
    const profiles = listProfiles(this.runDir, this.o.profiler);
    const lost = this.lostItems(profiles, target);
    this.recordOutcome({ status, exitCode: code, signal }, endTimeMs, finishedMs, lost);
    await this.finishAnalysis(endTimeMs);
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
      ...(this.manifest.endReason ? { endReason: this.manifest.endReason } : {}),
      ...(lost.length > 0 ? { lost } : {}),
      ...(this.manifest.stop ? { stopSteps: [...this.manifest.stop.steps] } : {}),
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
