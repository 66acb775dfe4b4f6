/**
 * The runner's public API (plain Node, no `vscode`): start a profiled run, watch it, stop it.
 * `startRun` EXECUTES the given command — the caller is responsible for workspace trust.
 */
export { startRun, RunSetupError, RunFolderInUseError, RUN_DEFAULTS } from './startRun';
export { readManifest, effectiveStatus, pidAlive, MANIFEST_FILE } from './manifest';
export { decideStatus, targetExitStatus } from './runOutcome';
export { LOCK_FILE } from './runLock';
export { listProfiles, pidOfProfile } from './profiles';
export { isNodeCommand, ZEROX_LOG_GROWTH_MB_PER_S } from './zeroX';
export { SAMPLES_HEADER } from './treeMonitor';
export type { RunAnalysisHooks, RunAnalysisSetup, RunFinishContext } from './types';
export {
  profileWindow,
  AttachError,
  type ProfileWindowOptions,
  type ProfileWindowResult,
} from './attach';
export type * from './types';
