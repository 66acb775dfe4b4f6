/**
 * The per-iteration metric model a comparison works on: every iteration (one run folder) is
 * reduced to named numbers, each with its unit, the direction that counts as better, and the
 * group it belongs to (which decides whether it is a primary metric or one of the secondary
 * family). Ids are stable strings users name in `--gate` rules:
 *
 *   wall-clock                          ms, lower is better
 *   counter:<name>:total|count|rate     timer total ms (lower); count and count/s (no direction)
 *   resource:cpu|rss:avg|max            over the active window (start-skip), lower is better
 *   diag:<field path>:rate|level        diagnostics.jsonl: a counter as its rate, a gauge as its level
 *   latency:<metric>:p50|p90|p99|p999   from raw samples in latency/<metric>.txt, else from a
 *                                       histogram in the run's logs (Prometheus, HdrHistogram),
 *                                       lower is better
 *   function:<name> (<file>):self|total CPU ms per second of wall-clock, lower is better
 */

import type { EngineDiagnostic } from '../diagnostics';
import type { LatencyBasis } from './latencyHistograms';

export type MetricGroup =
  'wall-clock' | 'counter' | 'resource' | 'diagnostics' | 'latency' | 'function';

/** Which way is an improvement; `none` for quantities that are neither (a call count). */
export type Better = 'lower' | 'higher' | 'none';

export interface MetricValue {
  readonly id: string;
  readonly group: MetricGroup;
  readonly unit: string;
  readonly better: Better;
  readonly value: number;
  /** What a latency percentile rests on: raw samples, or the histogram bucket it lies in. */
  readonly basis?: LatencyBasis;
}

export type ExitOutcome = 'ok' | 'failed' | 'unknown';

export interface IterationCorrectness {
  readonly pass: number;
  readonly fail: number;
  /** Failing assertion lines (text, numbers kept). */
  readonly failures: readonly string[];
  readonly exit: ExitOutcome;
  /** e.g. `exit code 1`, `signal SIGKILL`, `status failed`. */
  readonly exitDetail?: string;
}

/** Machine-wide load beside the run (machine.tsv written by `perflens ab`). */
export interface IterationLoad {
  readonly windows: number;
  /** Windows where other processes than the run's used more than the threshold. */
  readonly flaggedWindows: number;
  /** The most CPU (in cores) other processes used in any window. */
  readonly maxOtherCores: number;
  readonly cores: number;
}

export interface IterationMetrics {
  readonly dir: string;
  readonly label: string;
  readonly correctness: IterationCorrectness;
  readonly metrics: ReadonlyMap<string, MetricValue>;
  readonly load?: IterationLoad;
  /** What was wrong in the iteration's files (errors and warnings), placed at file:line:col. */
  readonly problems: readonly EngineDiagnostic[];
}
