/**
 * The profile engine's public surface (issue 3), for the language server, the CLI and the
 * webview's view models. Everything here is pure except the two edge modules marked "fs".
 */
export type { ProfileModel, ProfileFrame, StackTree, LineTicks, WeightUnit } from './model';
export type { ProfileImporter, ProfileInput, ImportResult, StreamParser } from './importer';
export type { NativeName } from './nativeNames';
export { weightAt, weightsInUnit, type SampleWeights } from './sampleWeights';
export { importers, chooseImporter, importerById } from './registry';
/** fs: read files and folders (streams big cpuprofiles; applies source maps). */
export {
  loadProfileFile,
  loadProfilePath,
  pidFromFileName,
  type LoadOptions,
  type LoadedProfiles,
} from './loadProfileFile';
/** fs: find and read source maps (injectable reader). */
export { createSourceMapLookup, readSourceMap, type ReadText } from './loadSourceMaps';
export { applySourceMaps, type SourceMapLookup } from './sourceMaps';
export { functionCosts, type FunctionCost } from './functionCosts';
export {
  functionRows,
  loadFunctionRows,
  type FunctionRow,
  type FunctionRows,
} from './functionRows';
export { lineCosts, type LineCost } from './lineCosts';
export { callGraph, type CallGraph, type CallEdge } from './callGraph';
export { mergeProfiles, processLabel, type MergeOptions } from './merge';
export { toSpeedscope, type SpeedscopeFile } from './toSpeedscope';
export { toFoldedNormalForm } from './foldedNormalForm';
export { parseNativeName, demangleLegacy } from './nativeNames';
