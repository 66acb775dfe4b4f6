/**
 * Public API of the counters engine (perf-counter dumps in logs → windows → totals/top-N/series).
 *
 * - Runner (live): `createCounterDumpScanner({ onDump })` → `pushLine(line, label?, { time })`,
 *   `end()`. Or the ready-made run hooks in `../soak/runAnalysisHooks`.
 * - Language server / CLI (files): `scanLogFile(path, { onDump })`, or `createLogFileScan(path, …)`
 *   and `poll()` again when the file grows; then `buildCounterRun(dumps)` / `CounterRunBuilder`.
 * - Views: `topN`, `seriesOf`, `groupByFamily`, `matchesTemplate`.
 */
export type { CounterCell, CounterDump, CounterKind, LostPart, DumpFormat } from './types';
export { createCounterDumpScanner, scanText } from './dumpScanner';
export type { CounterDumpScanner, ScannerOptions, LineMeta } from './dumpScanner';
export { createLineSplitter } from './lineSplitter';
export { createLogFileScan, scanLogFile } from './logFileScanner';
export type { LogFileScan, LogFileScanOptions } from './logFileScanner';
export {
  buildCounterRun,
  CounterRunBuilder,
  seriesOf,
  topN,
  totalsOf,
  sortTotals,
} from './counterRun';
export type {
  BuildOptions,
  CounterRun,
  CounterTotal,
  CounterWindow,
  ProcessCounters,
  SeriesPoint,
  Gap,
  WallClockBasis,
} from './counterRun';
export { familyOf, groupByFamily, matchesTemplate, templatePattern } from './families';
export { guessUnit, kindOf } from './units';
export { parseInspect } from './inspectParser';
export { dumpsFromDocument } from './snapshotDocument';
export { DiagnosticsDeltas } from './diagnosticsDeltas';
