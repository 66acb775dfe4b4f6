/**
 * The seam between capture (runner) and analysis (engine): counter dumps parsed live into
 * counters.jsonl, and totals.tsv / summary-metrics.json written at the end. The runner only
 * feeds lines and calls `finish`; what is parsed and how it is written belongs to the engine
 * (engine/counters, engine/soak). Hooks must not throw; if they do, the runner
 * records a warning and carries on — analysis never costs the capture.
 */
import type { OutputStream, ResourceSample, RunManifest } from './types';

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
