/**
 * The report's rows as they cross the wire (server → extension → webview): plain data, the same
 * numbers the CLI prints. The engine's report types are assignable to these (the server's
 * `sourceViewOf` is where the compiler checks it), so a new engine field does not change the
 * protocol until it is added here.
 */

/** One function of a CPU profile (merged over processes). */
export interface FunctionRow {
  readonly name: string;
  /** Original source file (after source maps), or null for VM frames like `(program)`. */
  readonly file: string | null;
  /** 1-based line and column of the definition, or null when unknown. */
  readonly line: number | null;
  readonly column: number | null;
  /** Self and total time in ms; null when the profile has sample counts only. */
  readonly selfMs: number | null;
  readonly totalMs: number | null;
  /** Shares of all samples, in percent. */
  readonly selfPct: number;
  readonly totalPct: number;
  /** Self and total weight in the report's unit (bytes for heap profiles, events for callgrind). */
  readonly selfWeight?: number;
  readonly totalWeight?: number;
  /**
   * Self samples (summed weights for folded stacks), and samples anywhere on the stack; null for
   * evented profiles (speedscope `evented`, Trace Event durations): intervals are not samples.
   */
  readonly samples: number | null;
  readonly totalSamples: number | null;
  /** For native (Rust) frames: `impl` owner, trait and module path. */
  readonly owner?: string;
  readonly trait?: string;
  readonly modulePath?: string;
}

/** One profiled process. */
export interface ProfileProcessRow {
  readonly name: string;
  readonly format: string;
  readonly pid?: number;
  readonly command?: string;
  /** null for an evented profile (no samples; its weight is time). */
  readonly samples: number | null;
  /** Profiled time in ms, or null for sample-count profiles. */
  readonly totalMs: number | null;
}

export interface ProfileReport {
  /** `ms` when every profile is timed; `samples` when costs are sample counts only. */
  /** `bytes` (heap profiles) and `events` (callgrind's Ir…) are weights that are not time. */
  readonly unit: 'ms' | 'samples' | 'bytes' | 'events';
  readonly weightLabel?: string;
  /** null when a profile is evented (no samples). */
  readonly totalSamples: number | null;
  readonly totalMs: number | null;
  readonly processes: readonly ProfileProcessRow[];
  /** Sorted by self time (or self samples), descending; the first `top` only. */
  readonly functions: readonly FunctionRow[];
}

/** One perf counter over the whole log, run or soak. */
export interface CounterRow {
  readonly name: string;
  readonly count: number;
  readonly totalMs: number;
  readonly avgMs: number;
  readonly maxMs: number;
  /** count per second of wall-clock. */
  readonly ratePerSec: number;
  /** `timer` (has time) or `count` (a quantity in `count`, e.g. bytes). */
  readonly kind: 'timer' | 'count';
  /** Guessed unit of `count` for pure counts (`bytes`, `blocks`, …). */
  readonly unit?: string;
  readonly family: string;
  /** totalMs over the wall-clock, 0..1 (can exceed 1 with concurrency). */
  readonly shareOfWallClock: number;
  readonly windows: number;
}

export interface FamilyRow {
  readonly prefix: string;
  readonly totalMs: number;
  readonly members: readonly string[];
}

/** One process whose counter dumps were read. */
export interface CounterProcessRow {
  readonly source: string;
  readonly run?: string;
  readonly windows: number;
  readonly wallClockMs: number;
  readonly gaps: number;
  readonly restarts: number;
  readonly lost: number;
}

/** CPU % and RSS over the active window. */
export interface ResourceStats {
  readonly samples: number;
  readonly avgCpuPct?: number;
  readonly maxCpuPct?: number;
  readonly avgRssKb?: number;
  readonly maxRssKb?: number;
}

export interface ProcessResourceStats extends ResourceStats {
  readonly pid?: number;
  readonly name?: string;
}

/** One run of a soak folder. */
export interface RunRow {
  readonly name: string;
  readonly windows: number;
  readonly wallClockMs?: number;
  readonly countersFrom?: string;
  readonly resources?: ResourceStats;
  readonly assertions?: { readonly pass: number; readonly fail: number };
  readonly missing: readonly string[];
}

export interface CounterReport {
  /** What was read: one log, one run folder, or a soak folder of runs. */
  readonly input: 'log' | 'run' | 'soak';
  readonly path: string;
  /** Sorted by total time, descending; the first `top` only. */
  readonly counters: readonly CounterRow[];
  readonly families: readonly FamilyRow[];
  readonly processes: readonly CounterProcessRow[];
  readonly windows: number;
  readonly wallClockMs: number;
  /** Where the wall-clock came from: given by the run, dump timestamps, or windows × interval. */
  readonly wallClockBasis: 'given' | 'timestamps' | 'windows';
  readonly resources?: {
    readonly startSkipMs: number;
    readonly skippedSamples: number;
    readonly total: ResourceStats;
    readonly perProcess?: readonly ProcessResourceStats[];
  };
  readonly assertions?: { readonly pass: number; readonly fail: number };
  readonly runs?: readonly RunRow[];
  readonly missing?: readonly string[];
}
