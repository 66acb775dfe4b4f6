/**
 * The Compare view: what the language server answers `perflens/compare` with (beside its
 * Markdown) and the messages between the extension host and the Compare webview.
 *
 * Plain data (importing only the wire form of a problem). Every number of a metric comes with its display text as the engine's
 * one formatter writes it (`cells`), so the table, Copy as Markdown and `perflens compare
 * --markdown` show the same figures; the raw numbers are there to sort and draw by.
 * Unbounded confidence limits (too few iterations) travel as `null` (JSON has no Infinity).
 */
import type { WireDiagnostic } from './diagnostics';

export type CompareMetricVerdict = 'better' | 'worse' | 'same' | 'inconclusive' | 'changed';

export interface CompareSideStats {
  readonly n: number;
  readonly median: number;
  /** One value per iteration, in iteration order. */
  readonly values: readonly number[];
}

/** The table's cells as text, written by the engine's Markdown formatter. */
export interface CompareCells {
  readonly metric: string;
  readonly baseline: string;
  readonly treatment: string;
  readonly change: string;
  readonly changePct: string;
  readonly ci: string;
  readonly verdict: string;
}

export interface CompareMetricRow {
  /** Stable id (`wall-clock`, `counter:<name>:total`, `function:<name> (<file>):self`, …). */
  readonly name: string;
  /** wall-clock | counter | resource | diagnostics | latency | function */
  readonly group: string;
  readonly unit: string;
  readonly better: 'lower' | 'higher' | 'none';
  readonly primary: boolean;
  readonly baseline: CompareSideStats;
  readonly treatment: CompareSideStats;
  /** Hodges-Lehmann shift, treatment − baseline, in `unit`. */
  readonly change: number;
  readonly changePct: number | null;
  /** Confidence interval of the shift; `null` bounds when too few iterations. */
  readonly ci: readonly [number | null, number | null];
  readonly p: number | null;
  /** Benjamini-Hochberg adjusted p (secondary metrics). */
  readonly q?: number;
  readonly verdict: CompareMetricVerdict;
  /** Latency percentiles: raw samples, or the histogram and the bucket the estimate lies in. */
  readonly basis?: string;
  readonly cells: CompareCells;
}

/** One function's change in self or total CPU (ms of CPU per second of wall-clock). */
export interface FunctionDiffRow {
  readonly name: string;
  /** Source file relative to the run's working folder; '' when the profile has none. */
  readonly file: string;
  readonly kind: 'self' | 'total';
  /** Medians over the iterations, CPU ms per second of wall-clock. */
  readonly baseline: number;
  readonly treatment: number;
  /** Iterations [baseline, treatment]. */
  readonly n: readonly [number, number];
  /** Hodges-Lehmann shift, treatment − baseline. */
  readonly change: number;
  readonly changePct: number | null;
  readonly verdict: CompareMetricVerdict;
  readonly cells: Pick<CompareCells, 'change' | 'changePct' | 'verdict'>;
}

export interface FunctionDiffLists {
  /** More CPU per second in the treatment, biggest first. */
  readonly regressions: readonly FunctionDiffRow[];
  /** Less CPU per second in the treatment, biggest first. */
  readonly improvements: readonly FunctionDiffRow[];
}

export interface FunctionDiff {
  readonly self: FunctionDiffLists;
  readonly total: FunctionDiffLists;
}

/**
 * The differential flame graph: the union of both sides' call trees (all iterations and processes
 * merged, frames matched by name and file along the path), each node with its CPU per second of
 * wall-clock on both sides. Nodes are in pre-order (a parent before its children); under each
 * node come first the children the treatment has (heaviest in the treatment first), then those
 * only the baseline has (`gone`, heaviest in the baseline first, their subtrees gone too).
 * `parent` is -1 for a top-level frame.
 */
export interface DiffFlame {
  /** `ms CPU/s`: CPU ms per second of wall-clock, summed over the side's iterations ÷ their wall. */
  readonly unit: string;
  readonly names: readonly string[];
  readonly files: readonly string[];
  readonly parent: readonly number[];
  /** Inclusive (total) and self CPU per second, treatment and baseline (0 when absent). */
  readonly treatment: readonly number[];
  readonly treatmentSelf: readonly number[];
  readonly baseline: readonly number[];
  readonly baselineSelf: readonly number[];
  /** True for a frame only the baseline has (its treatment values are 0). */
  readonly gone: readonly boolean[];
  /** Sum of the top-level frames, per side. */
  readonly treatmentTotal: number;
  readonly baselineTotal: number;
  /** Baseline CPU per second of the drawn frames gone in the treatment (topmost of each subtree). */
  readonly goneTotal: number;
  /** Nodes left out as too small to draw (under the cut-off share on both sides). */
  readonly omitted: number;
  /** Profiled iterations [baseline, treatment]. */
  readonly iterations: readonly [number, number];
}

/** One iteration's counters and machine load over time, for the overlaid charts. */
export interface OverTimeIteration {
  readonly side: 'baseline' | 'treatment';
  readonly label: string;
  /** Window ends, seconds since the iteration started (all processes' windows summed per slot). */
  readonly windowT: readonly number[];
  /** Per counter (index into `CompareOverTime.counters`), its value per second in each window. */
  readonly counters: readonly (readonly (number | null)[])[];
  /** machine.tsv rows: seconds since start, cores other processes used, and whether flagged. */
  readonly machineT: readonly number[];
  readonly otherCores: readonly number[];
  readonly flagged: readonly boolean[];
  readonly cores: number;
}

export interface CompareOverTime {
  /** The counters charted (the heaviest on either side), with the unit of their per-second value. */
  readonly counters: readonly { readonly name: string; readonly unit: string }[];
  readonly iterations: readonly OverTimeIteration[];
  /** A machine window is flagged when others used more than this share of the cores. */
  readonly noiseThreshold: number;
}

export interface CompareSideCorrectness {
  readonly iterations: number;
  readonly pass: number;
  readonly fail: number;
  readonly badExits: number;
}

export interface CompareData {
  /** The two sides as given (folders). */
  readonly baselinePath: string;
  readonly treatmentPath: string;
  /** better | worse | no-difference | inconclusive | failed-correctness */
  readonly verdict: string;
  readonly reason: string;
  readonly exitCode: number;
  readonly alpha: number;
  /** The secondary family's Benjamini-Hochberg level (a metric is flagged at q ≤ this). */
  readonly familyAlpha: number;
  /** Practical threshold as a fraction. */
  readonly threshold: number;
  readonly iterations: { readonly baseline: number; readonly treatment: number };
  readonly correctness: {
    readonly verdict: 'ok' | 'failed-correctness' | 'inconclusive';
    readonly baseline: CompareSideCorrectness;
    readonly treatment: CompareSideCorrectness;
    /**
     * New failing assertions and bad exits of the treatment, and failures it shows in more of its
     * iterations (log text: shown as text).
     */
    readonly newFailures: readonly string[];
    /** Failures the treatment shows in a higher share of iterations, too few to tell. */
    readonly unclearFailures?: readonly string[];
  };
  /** Primary metrics first, then the secondary family (functions are in `functions`). */
  readonly metrics: readonly CompareMetricRow[];
  /** Biggest regressions and improvements in self and total CPU per second of wall-clock. */
  readonly functionDiff: FunctionDiff;
  readonly warnings: readonly string[];
  /** Problems in the sides' files, placed (file:line:col); also in the Problems panel. */
  readonly diagnostics?: readonly WireDiagnostic[];
  /**
   * Iterations left out because other processes loaded the machine while they ran (`--exclude-noisy`,
   * `perflens.compare.excludeNoisy`): out of the statistics, the flame and the over-time data.
   * Absent when nothing was left out.
   */
  readonly excluded?: {
    readonly baseline: readonly string[];
    readonly treatment: readonly string[];
  };
  /** Absent when either side has no timed CPU profile. */
  readonly flame?: DiffFlame;
  /** Absent when no iteration has counter windows or machine.tsv. */
  readonly overTime?: CompareOverTime;
  /** What Copy as Markdown copies: exactly what `perflens compare --markdown` prints. */
  readonly markdown: string;
}

/** The two sides a Compare view compares: what it keeps to compare them again after a reload. */
export interface CompareSides {
  readonly baseline: string;
  readonly treatment: string;
}

/** extension → Compare webview */
export type ToCompare =
  | { readonly type: 'compare'; readonly data: CompareData }
  /** The comparison of these sides could not be made (after a reload: a side has vanished). */
  | { readonly type: 'failed'; readonly sides: CompareSides; readonly message: string }
  | { readonly type: 'notice'; readonly text: string; readonly error: boolean };

/** Compare webview → extension */
export type FromCompare =
  | { readonly type: 'ready' }
  /** The page has drawn the comparison (`rows`: table rows rendered). */
  | { readonly type: 'rendered'; readonly rows: number }
  /** Copy the whole comparison as Markdown (the host holds the text). */
  | { readonly type: 'copyComparison' };

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Validate a message from the Compare webview; `undefined` for anything else. */
export function parseFromCompare(raw: unknown): FromCompare | undefined {
  if (!isRecord(raw)) return undefined;
  switch (raw.type) {
    case 'ready':
      return { type: 'ready' };
    case 'copyComparison':
      return { type: 'copyComparison' };
    case 'rendered':
      return typeof raw.rows === 'number' && Number.isInteger(raw.rows) && raw.rows >= 0
        ? { type: 'rendered', rows: raw.rows }
        : undefined;
    default:
      return undefined;
  }
}

const isPath = (v: unknown): v is string =>
  typeof v === 'string' && v.length > 0 && v.length < 4096;

/**
 * Validate the sides a Compare page saved through the webview state API (VS Code hands them back
 * after a window reload); `undefined` when there are none or they are not two paths.
 */
export function parseCompareSides(raw: unknown): CompareSides | undefined {
  if (!isRecord(raw) || !isRecord(raw.sides)) return undefined;
  const { baseline, treatment } = raw.sides;
  return isPath(baseline) && isPath(treatment) ? { baseline, treatment } : undefined;
}

/** Validate a message inside the Compare page (defence in depth). */
export function parseToCompare(raw: unknown): ToCompare | undefined {
  if (!isRecord(raw)) return undefined;
  if (raw.type === 'notice')
    return typeof raw.text === 'string' && typeof raw.error === 'boolean'
      ? { type: 'notice', text: raw.text, error: raw.error }
      : undefined;
  if (raw.type === 'failed') {
    const sides = parseCompareSides(raw);
    return sides && typeof raw.message === 'string'
      ? { type: 'failed', sides, message: raw.message }
      : undefined;
  }
  if (raw.type !== 'compare' || !isRecord(raw.data)) return undefined;
  const d = raw.data;
  return typeof d.verdict === 'string' &&
    typeof d.reason === 'string' &&
    typeof d.markdown === 'string' &&
    Array.isArray(d.metrics) &&
    isRecord(d.functionDiff) &&
    Array.isArray(d.warnings) &&
    isRecord(d.correctness) &&
    isRecord(d.iterations)
    ? (raw as unknown as ToCompare)
    : undefined;
}
