/**
 * Public API of the soak engine (run folders, soak folders, and the files a run leaves).
 *
 * - Runner: `createRunAnalysisHooks({ runDir })` (pass as `RunOptions.analysis`); writers
 *   `formatCountersJsonlLine`, `formatTotalsTsv`, `formatSummaryMetrics` (formats documented in
 *   runFolderFormat.ts).
 * - Language server / CLI: `classifyPath`, `readRunFolder`, `readSoakFolder`.
 * - Pieces: `parseTsv`, `samplesFromTsv`, `summariseResources`, `countAssertions`.
 */
export {
  classifyPath,
  listRunFolders,
  readRunFolder,
  readSoakFolder,
  RUN_FILES,
} from './readRunFolder';
export type { ReadRunOptions, RunModel, SoakModel } from './readRunFolder';
export { createRunAnalysisHooks } from './runAnalysisHooks';
export type { RunAnalysis, RunAnalysisOptions, FinishContext } from './runAnalysisHooks';
export {
  formatCountersJsonlLine,
  formatSummaryMetrics,
  formatTotalsTsv,
  TOTALS_COLUMNS,
} from './runFolderFormat';
export type { SummaryMetrics } from './runFolderFormat';
export { parseTsv, findColumn } from './tsv';
export type { TsvTable } from './tsv';
export { sampleScopeOf, samplesFromTsv, summariseResources } from './samples';
export type {
  LeftOutSamples,
  ResourceSummary,
  ResourceStats,
  ProcessResources,
  Sample,
  SampleScope,
} from './samples';
export { countAssertions, createAssertionCounter, DEFAULT_ASSERTION_PATTERNS } from './assertions';
export type { AssertionCounts, AssertionPatterns } from './assertions';
export { soakTotals, countersOf } from './soakTotals';
export type { SoakTotals, SoakResources } from './soakTotals';
