/**
 * The one profile model every view reads (flame graph, per-function table, per-line costs,
 * CodeLens).
 *
 * Shape follows vscode-js-profile-visualizer's `cpu/model.ts` and speedscope's
 * `StackListProfileBuilder`: flat arrays indexed by id, built once by `ProfileBuilder`, never
 * mutated afterwards, and never holding a reference into the importer's input. Derived views
 * (`functionCosts`, `lineCosts`, `callGraph`, `toSpeedscope`) are computed from it on demand.
 *
 * Conventions (ARCHITECTURE.md): lines and columns are 1-based; times are milliseconds unless the
 * profile only knows sample counts (`weightUnit: 'samples'`, e.g. folded stacks).
 */
import type { EngineDiagnostic } from '../diagnostics';
import type { NativeName } from './nativeNames';
import type { SampleWeights } from './sampleWeights';

/** One function location: what a CodeLens points at. */
export interface ProfileFrame {
  readonly id: number;
  /** Function name as the profiler reported it (or as a source map renamed it). */
  readonly name: string;
  /**
   * Source file: a path or URL as the profiler gave it; after source-mapping, the original source.
   */
  readonly file?: string;
  /** 1-based line of the function's definition, when known. */
  readonly line?: number;
  /** 1-based column of the function's definition, when known. */
  readonly column?: number;
  /**
   * Set for native (Rust/C++) frames whose names could be split into module path, owner and name.
   */
  readonly native?: NativeName;
  /** When source-mapped: where the frame was in the generated code. */
  readonly generated?: { readonly file: string; readonly line?: number; readonly column?: number };
}

/**
 * The call tree, stored as parallel arrays: node `i` is frame `frameOf[i]` called from node
 * `parentOf[i]` (-1 for a root). Distinct stacks share prefixes, so node count ≪ sample count.
 */
export interface StackTree {
  readonly parentOf: Int32Array;
  readonly frameOf: Int32Array;
  readonly depthOf: Int32Array;
}

/** Hits per source line inside one stack node (V8 `positionTicks`), line 1-based in `file`. */
export interface LineTicks {
  readonly node: number;
  readonly file?: string;
  readonly line: number;
  readonly ticks: number;
}

/**
 * What a sample's weight measures. `milliseconds`: time (CPU profiles, traces); `samples`: sample
 * counts only (folded stacks, perf script); `bytes`: allocated or in-use memory (heap profiles) —
 * never time; `events`: counts of a named event (callgrind's `Ir` instructions, pprof's
 * contentions), named by `ProfileModel.weightLabel`.
 */
export type WeightUnit = 'milliseconds' | 'samples' | 'bytes' | 'events';

export interface ProfileModel {
  /** Importer id that produced it, e.g. `v8-cpuprofile`. */
  readonly format: string;
  /** A human label: the file name, or `pid 123 node app.js`. */
  readonly name: string;
  /** Where it came from (for diagnostics and for keeping processes apart). */
  readonly source?: string;
  readonly pid?: number;
  readonly command?: string;
  readonly frames: readonly ProfileFrame[];
  readonly stacks: StackTree;
  /**
   * Sample `i` was taken with stack node `sampleStack[i]` on top (Uint16 when every stack node
   * fits: a V8 cpuprofile of at most 65,536 nodes keeps its scanned ids' array).
   */
  readonly sampleStack: Int32Array | Uint16Array;
  /**
   * Weight of sample `i` in `weightUnit` (the time it stands for, for timed profiles):
   * `weightAt(sampleWeight, i)`, stored compactly (see sampleWeights.ts).
   */
  readonly sampleWeight: SampleWeights;
  readonly weightUnit: WeightUnit;
  /**
   * What exactly is weighed, when the unit alone does not say: `Ir`, `alloc_space`, `sampled
   * allocations`.
   */
  readonly weightLabel?: string;
  /**
   * Set when the records are not samples but the intervals between open/close events (speedscope
   * `evented`, Trace Event `B`/`E`/`X`): such a profile has no sample count — its weight is time —
   * and every face shows none rather than a count of intervals.
   */
  readonly evented?: true;
  /**
   * Set when the records are not samples at all (callgrind's cost lines; a pprof profile with no
   * `samples` type, such as Go's heap profile): like an evented profile it has no sample count,
   * and every face shows none rather than a count of records.
   */
  readonly uncounted?: true;
  /**
   * How many samples record `i` stands for, when that is neither 1 nor its weight: pprof keeps a
   * `samples/count` value beside `cpu/nanoseconds` in each record, one record per distinct stack.
   * Absent: a record is one sample (its weight's worth for unit `samples`).
   */
  readonly sampleCounts?: Float64Array;
  /** Sum of `sampleWeight`. */
  readonly totalWeight: number;
  /** Start and end of the profiled window (ms, profile clock), when known. */
  readonly startMs?: number;
  readonly endMs?: number;
  readonly lineTicks: readonly LineTicks[];
  /** Warnings met while importing (the model is best-effort when there are any). */
  readonly diagnostics: readonly EngineDiagnostic[];
}
