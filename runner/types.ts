/**
 * The public shape of a profiled run: what the caller asks for, what it can watch while the
 * run is live, and what it gets at the end. Plain data, no `vscode`, so the extension, the CLI
 * and tests all drive the same core.
 *
 * SECURITY: starting a run EXECUTES the given command with the caller's privileges. The
 * extension must only call `startRun` in a trusted workspace; nothing here checks that.
 */

export type ProfilerMode = 'cpu-prof' | '0x' | 'none';

export type RunStatus = 'running' | 'completed' | 'failed' | 'stopped' | 'interrupted';

export interface RunOptions {
  /**
   * Program and arguments, e.g. `['node', 'dist/main.js', '--duration', '5']`. Executed as given.
   */
  readonly command: readonly string[];
  /** Run the command through `/bin/sh -c` (joined with spaces) instead of spawning it directly. */
  readonly shell?: boolean;
  readonly cwd: string;
  /** The run folder; created if missing. Everything of the run lands here as it happens. */
  readonly runDir: string;
  readonly profiler: ProfilerMode;
  /** Extra environment on top of `process.env` and the SPHERE_* defaults (which it overrides). */
  readonly env?: Readonly<Record<string, string>>;
  /** V8 sampling interval for `--cpu-prof-interval`, microseconds (Node's default is 1000). */
  readonly samplingIntervalUs?: number;
  /** Stop the run after this many seconds (graceful stop, then escalation). */
  readonly durationS?: number;
  /** How long a graceful stop may take before SIGKILL. Default 5000. */
  readonly graceMs?: number;
  /**
   * 0x only: how long 0x may take to build its flame graph after the target exited. Default 120000.
   */
  readonly zeroXFinishMs?: number;
  /** First signal sent to the process group on stop. Default SIGINT. */
  readonly stopSignal?: 'SIGINT' | 'SIGTERM';
  /** Resource sampling period for samples.tsv. Default 5000. */
  readonly sampleIntervalMs?: number;
  /** How often the process tree is walked to notice new processes. Default 1000. */
  readonly scanIntervalMs?: number;
  /** A localhost diagnostics URL polled into diagnostics.jsonl. Non-loopback hosts are refused. */
  readonly diagnosticsUrl?: string;
  readonly diagnosticsIntervalMs?: number;
  /**
   * Node binary used to run 0x itself (the extension host's execPath is Electron). Default 'node'.
   */
  readonly nodeBinary?: string;
  /**
   * Counter parsing and end-of-run writers (see analysisHooks.ts), made for this run. Default:
   * none — the runner only captures. Headless callers (the CLI, A/B) pass the engine's
   * `createRunAnalysisHooks` (counters.jsonl live, totals.tsv and summary-metrics.json at the
   * end); in the editor the language server does that work by following the run folder, so no
   * parser runs in (or is bundled into) the extension host.
   */
  readonly analysis?: (setup: RunAnalysisSetup) => RunAnalysisHooks;
}

/** A process of the run's tree, as first seen by the /proc walk. */
export interface SeenProcess {
  readonly pid: number;
  readonly ppid: number;
  /**
   * Its command line from /proc; absent when it could not be read (the process had already
   * exited, or it is a kernel thread): an unknown command line is left out, never written empty.
   */
  readonly argv?: readonly string[];
  /** Epoch ms when the runner first saw it. */
  readonly firstSeenMs: number;
  /**
   * 'profiler' for the profiler's own processes (0x and its log post-processing), which are not
   * the program being measured; absent for the target's processes.
   */
  role?: 'profiler';
  /** Set when the process left the run's process group (setsid, detached): ended by pid at stop. */
  outsideGroup?: true;
}

/** One step of the stop sequence, as recorded in run.json. */
export interface StopStep {
  /** ISO time of the step. */
  readonly time: string;
  /**
   * 'signal': sent once to the process group (`group`) and by pid to members outside it (`pids`);
   * 'exited': the tree (or the profiled process) was gone; 'grace-expired': still running after
   * the grace period (`pids`); 'survivors': still alive after SIGKILL (`pids`).
   */
  readonly action: 'signal' | 'exited' | 'grace-expired' | 'survivors';
  readonly signal?: string;
  readonly group?: number;
  readonly pids?: readonly number[];
  readonly note?: string;
}

/** Something the run did not yield, and why (a profile from a killed process, a cut log). */
export interface LostItem {
  readonly pid?: number;
  readonly what: string;
  readonly why: string;
}

export interface ResourceSample {
  readonly timeMs: number;
  readonly pid: number;
  readonly ppid: number;
  readonly name: string;
  /** Percent of one core over the last interval (can exceed 100 for multi-threaded work). */
  readonly cpuPct: number;
  readonly rssKb: number;
}

export type OutputStream = 'stdout' | 'stderr';

/** The manifest, `run.json`. Written at start with status 'running' and rewritten at the end. */
export interface RunManifest {
  readonly formatVersion: 1;
  readonly perflensVersion: string;
  readonly command: readonly string[];
  readonly shell: boolean;
  readonly cwd: string;
  readonly profiler: ProfilerMode;
  /** The SPHERE_* and NODE_OPTIONS values the run got (not the whole environment). */
  readonly env: Readonly<Record<string, string>>;
  readonly startTime: string;
  /** The runner's own pid: if it is gone while status is 'running', the run was interrupted. */
  readonly runnerPid: number;
  readonly pid?: number;
  /** The watchdog that ends the tree if the runner dies (runner/watchdog.ts). */
  readonly watchdogPid?: number;
  status: RunStatus;
  /** When the measured program ended (under 0x: the profiled process, not 0x's post-processing). */
  endTime?: string;
  /** 0x only: when 0x had finished its flame graph, if that was over a second after `endTime`. */
  profilerEndTime?: string;
  exitCode?: number | null;
  signal?: string | null;
  /** Why the run ended, in words (duration limit, stop requested, target exited, crash). */
  endReason?: string;
  /**
   * The target's own outcome when a profiler wraps it (0x): pid, exit code or signal of the
   * profiled process, read from 0x's child — `exitCode`/`signal` above are the same values.
   */
  target?: { pid: number; exitCode: number | null; signal: string | null; endTime?: string };
  /** The stop sequence, when PerfLens ended the run (stop, duration limit) or its leftovers. */
  stop?: { reason: string; steps: StopStep[] };
  /** What the run did not yield, and why. */
  lost?: LostItem[];
  /** Pids still alive after the final SIGKILL (should be empty). */
  survivors?: number[];
  processes: SeenProcess[];
  warnings: string[];
}

export interface RunResult {
  readonly runDir: string;
  readonly status: Exclude<RunStatus, 'running'>;
  readonly exitCode: number | null;
  readonly signal: string | null;
  readonly durationMs: number;
  readonly processes: readonly SeenProcess[];
  /**
   * Absolute paths of the profiles written (cpu-prof: *.cpuprofile; 0x: its V8 log per profiled
   * process).
   */
  readonly profiles: readonly string[];
  /** Processes of the tree still alive after the final SIGKILL (should be empty). */
  readonly leftovers: readonly number[];
  readonly warnings: readonly string[];
  /** Why the run ended, in words (as in run.json). */
  readonly endReason?: string;
  /** What the run did not yield, and why (as in run.json). */
  readonly lost?: readonly LostItem[];
  /** The stop sequence's steps, when PerfLens ended the run. */
  readonly stopSteps?: readonly StopStep[];
}

export interface RunEvents {
  line: [line: string, stream: OutputStream];
  process: [proc: SeenProcess];
  sample: [samples: readonly ResourceSample[]];
  /** A counter dump recognised by the analysis hooks (shape is theirs). */
  dump: [dump: unknown];
  warning: [message: string];
  /**
   * The whole tree is gone (epoch ms): emitted before the end-of-run analysis, so a reading of
   * the machine taken here covers the run and not the analysis that follows.
   */
  treeGone: [timeMs: number];
  ended: [result: RunResult];
}

export interface RunHandle {
  readonly runDir: string;
  /** Pid of the spawned command (the process-group leader). */
  readonly pid: number;
  readonly startTimeMs: number;
  /** Settles once the run has ended and every file is complete. Never rejects. */
  readonly result: Promise<RunResult>;
  /** Graceful stop: signal to the whole group, SIGKILL after the grace period. Idempotent. */
  stop(): Promise<RunResult>;
  /** Immediate SIGKILL of the whole tree (a user's second Ctrl-C), recorded as a stop step. */
  kill(): Promise<RunResult>;
  on<K extends keyof RunEvents>(event: K, listener: (...args: RunEvents[K]) => void): this;
  off<K extends keyof RunEvents>(event: K, listener: (...args: RunEvents[K]) => void): this;
}

/*
 * The seam between capture (runner) and analysis (engine): counter dumps parsed live into
 * counters.jsonl, and totals.tsv / summary-metrics.json written at the end. The runner only
 * feeds lines and calls `finish`; what is parsed and how it is written belongs to the engine
 * (engine/counters, engine/soak). Hooks must not throw; if they do, the runner
 * records a warning and carries on — analysis never costs the capture.
 */

/** What a run tells its analysis when it starts. */
export interface RunAnalysisSetup {
  readonly runDir: string;
  /** SPHERE_PERF_DUMP_MS as the run got it, when set. */
  readonly dumpIntervalMs?: number;
}

export interface RunFinishContext {
  readonly runDir: string;
  readonly manifest: Readonly<RunManifest>;
  readonly startTimeMs: number;
  readonly endTimeMs: number;
}

export interface RunAnalysisHooks {
  /**
   * Every output line of the tree, in arrival order, with its capture time (epoch ms).
   * Returns the counter dumps this line completed (emitted as `dump` events), if any.
   */
  onLine(line: string, stream: OutputStream, timeMs: number): readonly unknown[] | void;
  /** Every resource sample batch, as written to samples.tsv. Optional. */
  onSamples?(samples: readonly ResourceSample[]): void;
  /** After the tree is gone and script.log/samples.tsv are closed. Returns warnings, if any. */
  finish(ctx: RunFinishContext): Promise<readonly string[] | void>;
}
