/**
 * What the PerfLens panel shows for one source (a profile, a log, a run or a soak folder).
 *
 * Built by the engine (`engine/report/sourceData.ts`), served by the language server
 * (`perflens/sourceData`), passed through the extension host unchanged and drawn by the webview.
 * Plain data, no imports: every field is a number, a string or an array of them. Every number
 * carries its basis somewhere in this structure (samples, windows, wall-clock, processes).
 * Times are milliseconds unless a name says otherwise; lines and columns are 1-based.
 */

/** A problem with the input, placed where an editor can show it. */
export interface SourceWarning {
  readonly severity: 'error' | 'warning';
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
  readonly offset?: number;
  /** The whole diagnostic as one line (`file:line:col: severity: message (expected …)`). */
  readonly text: string;
}

export interface AssertionData {
  readonly pass: number;
  readonly fail: number;
  /** The log the checks were read from (script.log), for click-to-line. */
  readonly file: string;
  /** The failing lines (at most 50 per run), 1-based. */
  readonly failures: readonly {
    readonly file: string;
    readonly line: number;
    readonly text: string;
  }[];
}

export interface SummaryData {
  /** What ran (run.json's command) or what was opened. */
  readonly command?: string;
  readonly startTime?: string;
  /** The run's duration and where it comes from (run.json start/end, dump times, windows). */
  readonly durationMs?: number;
  readonly durationBasis?: string;
  /** `exit 0`, `signal SIGINT`, `exit 1 (run-2)`…; absent when nothing says. */
  readonly exitStatus?: string;
  readonly assertions?: AssertionData;
  /** Run folder files that were not there (a partial or foreign run). */
  readonly missing: readonly string[];
  /** CPU and RSS per process from samples.tsv, over the active window or the whole run. */
  readonly resources?: ResourceSummaryData;
}

/** One process's CPU and RSS from samples.tsv. */
export interface ResourceRow {
  /** `alice (pid 11529)`: named from run.json; `run-1/alice (pid …)` in a soak. */
  readonly name: string;
  readonly samples: number;
  readonly avgCpuPct: number | null;
  readonly maxCpuPct: number | null;
  readonly avgRssMiB: number | null;
  readonly maxRssMiB: number | null;
}

export interface ResourceSummaryData {
  /** Over which samples, in words: the active window after the start-skip, or the whole run. */
  readonly basis: string;
  readonly rows: readonly ResourceRow[];
}

/** One counter of one process, summed over that process's windows. */
export interface CounterProcessRow {
  readonly name: string;
  readonly family: string;
  readonly kind: 'timer' | 'count';
  /** Unit of `count` for incr-only counters (`bytes`, `blocks`); calls for timers. */
  readonly unit?: string;
  /** Index into `CounterData.processes`; -1 for all processes combined. */
  readonly process: number;
  readonly count: number;
  readonly totalMs: number;
  readonly maxMs: number;
  /** Windows in which the counter appeared. */
  readonly windows: number;
  /**
   * Timers: % of wall-clock. For one process, its total ms ÷ that process's wall-clock; for all
   * processes (process -1), the per-process shares summed over `CounterData.processes.length`
   * processes, so it can pass 100 %. Null for counts.
   */
  readonly wallPct: number | null;
  /** The timer this counter is a part of (`fetchCarFromIpfs` for `fetchCarFromIpfs.blocks`). */
  readonly parent?: string;
  /** Timer under timer: % of the parent's time it explains. */
  readonly ofParentPct?: number;
  /** Count under timer: how many per call of the parent (blocks per fetch). */
  readonly perParentCall?: number;
}

export interface CounterProcess {
  /** The process label (`alice`, `main`, a run name for soaks: `run-1/alice`). */
  readonly name: string;
  /** The process's own wall-clock: its span (first sighting to exit or the run's end). */
  readonly wallClockMs: number;
  /** Where `wallClockMs` comes from, in words (`from when it was first seen … to the run's end`). */
  readonly spanBasis: string;
  readonly windows: number;
}

export interface CounterData {
  readonly processes: readonly CounterProcess[];
  /** The run's wall-clock (what a combined table's total row shows). */
  readonly wallClockMs: number;
  /**
   * Where the run's wall-clock comes from, in words: `run.json start to end`, `first to last
   * counter dump`, or `counter windows × dump interval`.
   */
  readonly wallClockBasis: string;
  readonly dumpIntervalMs: number;
  readonly rows: readonly CounterProcessRow[];
}

/** Per-window values of one process: column arrays indexed like `timesMs`. */
export interface CounterSeries {
  /** Index into `CounterData.processes`. */
  readonly process: number;
  /** Each window's end, ms since the timeline's origin (dump time, or window × interval). */
  readonly timesMs: readonly number[];
  /** The 1-based line of each window's dump in its file. */
  readonly lines: readonly number[];
  /** Per counter: its count in each window (0 where absent: dumps reset every window). */
  readonly counts: Readonly<Record<string, readonly number[]>>;
  /** Per timer: its total ms in each window. */
  readonly totalMs: Readonly<Record<string, readonly number[]>>;
}

/** One numeric field of diagnostics snapshots over time. */
export interface DiagnosticsFieldSeries {
  /** The field's path in the snapshot body (`recv_pump.dropped_full`). */
  readonly path: string;
  /**
   * `rate`: a counter (never goes down, a cumulative name), charted per second over each poll
   * interval (null at the first snapshot, which has no interval); `level`: a gauge, as read.
   */
  readonly kind: 'rate' | 'level';
  /** One value per snapshot (null where the snapshot lacks the field). */
  readonly values: readonly (number | null)[];
}

/** A diagnostics.jsonl's snapshots: every numeric field, on the timeline's clock. */
export interface DiagnosticsSnapshots {
  /** Each snapshot's time, ms since the timeline's origin. */
  readonly timesMs: readonly number[];
  /** The median interval between snapshots (the real poll interval), ms; 0 with one snapshot. */
  readonly pollIntervalMs: number;
  readonly fields: readonly DiagnosticsFieldSeries[];
}

export interface ResourceSeries {
  readonly name: string;
  readonly pid?: number;
  /** ms since the timeline's origin. */
  readonly timesMs: readonly number[];
  readonly cpuPct: readonly (number | null)[];
  readonly rssMiB: readonly (number | null)[];
}

export interface TimelineData {
  /** Epoch ms of time 0, when the times are real clock times. */
  readonly originEpochMs?: number;
  readonly counters: readonly CounterSeries[];
  /** samples.tsv, per process. */
  readonly resources: readonly ResourceSeries[];
  /** Every numeric field of each diagnostics.jsonl's snapshots (one entry per run). */
  readonly diagnosticsFields?: readonly DiagnosticsSnapshots[];
  /** The start-skip: samples before this time (ms since origin) are start-up, not steady state. */
  readonly startSkipEndMs?: number;
  readonly startSkipMs?: number;
}

/**
 * A native (Rust) frame's qualified name, split: what finds `fn name` in `impl owner` in a crate.
 */
export interface NativeFrame {
  /** `x0x::gossip::pubsub` (empty when the name has no path). */
  readonly modulePath: string;
  readonly owner?: string;
  readonly trait?: string;
  readonly name: string;
}

export interface FunctionData {
  /**
   * What `selfCost`/`totalCost` are in: ms (timed profiles), bytes (heap profiles), events
   * (callgrind; `weightLabel` names the event), or `samples` (sample counts only: the costs are
   * null).
   */
  readonly unit: 'ms' | 'samples' | 'bytes' | 'events';
  readonly weightLabel?: string;
  /** null when a profile is evented: its records are intervals, not samples (no count shown). */
  readonly totalSamples: number | null;
  readonly totalMs: number | null;
  readonly profiles: readonly {
    readonly name: string;
    readonly format: string;
    readonly samples: number | null;
    readonly totalMs: number | null;
  }[];
  /** Column arrays (50,000 functions stay compact): index i is one function. */
  readonly names: readonly string[];
  readonly files: readonly (string | null)[];
  readonly lines: readonly (number | null)[];
  /** Self and total cost in `unit`; null for sample-count profiles (see the sample columns). */
  readonly selfCost: readonly (number | null)[];
  readonly totalCost: readonly (number | null)[];
  readonly selfPct: readonly number[];
  readonly totalPct: readonly number[];
  /** Per-function sample counts; null entries for evented profiles (see `totalSamples`). */
  readonly selfSamples: readonly (number | null)[];
  readonly totalSamplesOf: readonly (number | null)[];
  /**
   * Native frames without a file (Rust from perf or folded stacks): their qualified name, so a
   * click finds the definition by the inline matcher; null for other rows. Absent when none.
   */
  readonly natives?: readonly (NativeFrame | null)[];
}

export interface SourceData {
  readonly path: string;
  /** Short name for the panel's title. */
  readonly title: string;
  readonly input: 'profile' | 'log' | 'run' | 'soak' | 'none';
  readonly summary: SummaryData;
  readonly counters?: CounterData;
  readonly timeline?: TimelineData;
  readonly functions?: FunctionData;
  readonly warnings: readonly SourceWarning[];
  /**
   * The line every copied table starts with: what the source is and what its numbers rest on
   * (windows, processes, dump interval, samples). Built once by the engine, so the panel's Copy
   * as Markdown and `perflens report --markdown` say the same.
   */
  readonly basis: string;
}

/**
 * The new counter windows of one process in a live update: column arrays like `CounterSeries`,
 * starting at window index `from` of that process (0-based). Times are clock times (epoch ms of
 * each window's end, null when the dump carried none): the page places them on its own timeline
 * origin, so a panel opened mid-run and one open from the start draw the same x.
 */
export interface LiveWindows {
  /** The process name, as in `CounterData.processes` (indices may change as processes appear). */
  readonly process: string;
  readonly from: number;
  readonly epochMs: readonly (number | null)[];
  readonly lines: readonly number[];
  /** Counters present in these windows (absent ones count 0, as dumps reset every window). */
  readonly counts: Readonly<Record<string, readonly number[]>>;
  readonly totalMs: Readonly<Record<string, readonly number[]>>;
}

/**
 * What a followed run added since the last update (sent at most once a second): the windows not
 * sent before, and the counter rows as they now are (one row per counter and process: small).
 */
export interface LiveUpdate {
  readonly counters: CounterData;
  readonly windows: readonly LiveWindows[];
  /** The run's duration so far (first to last dump), for the Summary. */
  readonly durationMs: number;
}
