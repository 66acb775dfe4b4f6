/**
 * Public API of the comparison engine (A/B of two runs or soaks).
 *
 * - Statistics: `mannWhitneyU`, `hodgesLehmann`, `benjaminiHochberg`, `smallestP`,
 *   `iterationsNeeded`, `detectableChange` (the smallest change a comparison could have seen).
 * - Sides: `loadSide` (fs edge: run folder, soak folder or folder of iterations, found by content).
 * - Verdicts: `compareSides`, `exitCodeOf`, `parseGateRules`; output: `comparisonMarkdown`.
 * - machine.tsv (written by `perflens ab`): `MACHINE_FILE`, `machineLoad`.
 */
export { mannWhitneyU, smallestP, iterationsNeeded, midRanks } from './rankTest';
export type { RankTestResult } from './rankTest';
export { hodgesLehmann } from './shift';
export type { ShiftEstimate } from './shift';
export { benjaminiHochberg } from './fdr';
export { detectableChange, pooledSpread, iterationsPerSide } from './detectable';
export type { Detectable, Spread } from './detectable';
export { sensitivitySentence } from './sensitivity';
export {
  compareSides,
  compareCorrectness,
  emptiedByNoise,
  exitCodeOf,
  failuresOf,
  fmtPct,
  fmtSigned,
} from './compare';
export { fisherGreater } from './fisherExact';
export type {
  Comparison,
  CompareOptions,
  MetricComparison,
  MetricVerdict,
  Verdict,
  GateResult,
  CorrectnessResult,
  FailureShare,
} from './compare';
export { parseGateRules } from './gate';
export type { GateRule } from './gate';
export { comparisonMarkdown, metricCells } from './markdown';
export { loadSide, loadIteration, findIterations } from './loadSide';
export type { LoadSideOptions, LoadedSide } from './loadSide';
export { iterationMetrics, wallClockOf } from './iterationMetrics';
export type * from './metricTypes';
export {
  MACHINE_FILE,
  machineLoad,
  isNoisy,
  isUnmeasured,
  DEFAULT_NOISE_THRESHOLD,
} from './machineLoad';
export type { MachineRow } from './machineLoad';
export { parseLatencySamples, percentile } from './latencySamples';
export { diagnosticsFields } from './diagnosticsFields';
export { compareData } from './compareData';
export { functionsDiff, parseFunctionMetric } from './functionsDiff';
export { FlameSide, diffFlame } from './diffFlame';
export { OverTimeCollector } from './overTime';
