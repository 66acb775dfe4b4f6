/**
 * The one place `perflens.run.*` becomes what the runner is started with: the run folder
 * (`outputDir`), the duration limit (`durationSeconds`), the environment (`spherePerf`,
 * `sphereDebug`, `perfDumpMs`, `env`), `samplingIntervalUs`, `graceMs` and `diagnosticsUrl`.
 * Pure: no `vscode`, so each setting's effect is tested on the real runner with a real child
 * process (test/unit/extension/runSettings.test.ts).
 */
import * as path from 'node:path';
import type { ProfilerMode, RunOptions } from '../../runner';
import type { AbOptions } from '../../runner/ab/runAb';
import type { RunSettings } from '../settings';
import { uniqueRunFolder } from './runFolders';
import type { RunTarget } from './runTarget';

/** What the caller of Profile Run gave beside the settings (a test, a task, another extension). */
export interface RunOverrides {
  readonly durationS?: number;
  readonly env?: Readonly<Record<string, string>>;
}

/** The duration limit: the caller's, else `perflens.run.durationSeconds` (0: none). */
export function durationOf(settings: RunSettings, given?: number): number | undefined {
  return given ?? (settings.durationSeconds > 0 ? settings.durationSeconds : undefined);
}

/** A new, unique run folder under `perflens.run.outputDir` (relative to the workspace folder). */
export function runFolderFor(
  settings: RunSettings,
  workspaceFolder: string,
  label: string,
  now: Date,
): string {
  return uniqueRunFolder(path.resolve(workspaceFolder, settings.outputDir), label, now);
}

/** What the settings give every run, Profile Run's and each A/B Soak iteration alike. */
type SettingsFields = Pick<
  RunOptions,
  'env' | 'samplingIntervalUs' | 'durationS' | 'graceMs' | 'diagnosticsUrl'
>;

/**
 * The environment is layered, later wins: the SPHERE_* settings, then `perflens.run.env`, then
 * the target's own (a launch configuration's `env`), then the caller's.
 */
function settingsFields(
  settings: RunSettings,
  targetEnv: Readonly<Record<string, string>>,
  overrides: RunOverrides,
): SettingsFields {
  const durationS = durationOf(settings, overrides.durationS);
  return {
    env: { ...settings.sphereEnv, ...settings.env, ...targetEnv, ...(overrides.env ?? {}) },
    ...(settings.samplingIntervalUs > 0 ? { samplingIntervalUs: settings.samplingIntervalUs } : {}),
    ...(durationS !== undefined ? { durationS } : {}),
    graceMs: settings.graceMs,
    ...(settings.diagnosticsUrl ? { diagnosticsUrl: settings.diagnosticsUrl } : {}),
  };
}

/** The runner's options for Profile Run. */
export function runOptionsFor(
  settings: RunSettings,
  target: RunTarget,
  profiler: ProfilerMode,
  runDir: string,
  overrides: RunOverrides = {},
): RunOptions {
  return {
    command: target.command,
    shell: target.shell,
    cwd: target.cwd,
    runDir,
    profiler,
    ...settingsFields(settings, target.env, overrides),
  };
}

/**
 * What the settings give each A/B Soak iteration: the same environment, duration limit, sampling
 * interval, grace and diagnostics URL as a Profile Run, and `perflens.run.profiler` unless the
 * caller names one — so both sides of a comparison run the way a single run would.
 */
export function abRunOptionsFor(
  settings: RunSettings,
  profiler: ProfilerMode | undefined,
  overrides: RunOverrides = {},
): Pick<AbOptions, 'profiler' | keyof SettingsFields> {
  return { profiler: profiler ?? settings.profiler, ...settingsFields(settings, {}, overrides) };
}

/**
 * The profilers in the order the picker offers them: `perflens.run.profiler` first (that is
 * what the setting is for), the others in their usual order. The last one used is only marked,
 * so a changed setting is not overruled by an old choice.
 */
export function profilerOrder(
  setting: ProfilerMode,
  lastUsed: ProfilerMode | undefined,
): { readonly mode: ProfilerMode; readonly lastUsed: boolean }[] {
  const all: ProfilerMode[] = ['cpu-prof', '0x', 'none'];
  return [setting, ...all.filter((m) => m !== setting)].map((mode) => ({
    mode,
    lastUsed: mode === lastUsed,
  }));
}
