/**
 * PerfLens settings: one typed `Settings`, read from the `perflens` section in one place
 * (`extension/settingsSource.ts`) and normalised here, at the edge (after vscode-eslint's
 * `settings.ts`, rust-analyzer's `config.ts`). Pure: no `vscode` import, so it is unit-tested.
 */
import { DEFAULT_SERVER_SETTINGS, type ServerSettings } from '../protocol/server';

export interface Settings {
  readonly codeLens: ServerSettings['codeLens'];
  /** How counters find their functions: `perflens.counterMap`, `.counterCallees`, `.rustCounterMacros`. */
  readonly counters: Omit<ServerSettings, 'codeLens'>;
  readonly run: RunSettings;
  /** `perflens.run.openLatestOnStartup`: show the newest run folder when the workspace opens. */
  readonly openLatestOnStartup: boolean;
  /**
   * `perflens.trace.server`: the language client's trace of its messages (serverTrace.ts; the
   * client also reads the key itself, to choose messages or verbose).
   */
  readonly traceServer: ServerTraceSetting;
  /**
   * `perflens.compare.excludeNoisy`: Compare Runs and A/B Soak leave out iterations with flagged
   * machine.tsv windows, as `perflens compare --exclude-noisy` does.
   */
  readonly compareExcludeNoisy: boolean;
}

/** A configuration section: `vscode.WorkspaceConfiguration` or, in tests, a plain map. */
export interface ConfigurationLike {
  get<T>(section: string): T | undefined;
}

/** Reads the whole `perflens` section (pass `getConfiguration('perflens')`). */
export function readSettings(config: ConfigurationLike): Settings {
  const sub = (prefix: string): ConfigurationLike => ({
    get: <T>(key: string) => config.get<T>(`${prefix}.${key}`),
  });
  return {
    codeLens: {
      enabled: config.get<unknown>('codeLens.enabled') !== false,
      thresholdPercent: positive(
        config.get<unknown>('codeLens.thresholdPercent'),
        DEFAULT_SERVER_SETTINGS.codeLens.thresholdPercent,
      ),
    },
    counters: {
      counterMap: stringRecord(config.get<unknown>('counterMap')),
      counterCallees: stringList(
        config.get<unknown>('counterCallees'),
        DEFAULT_SERVER_SETTINGS.counterCallees,
      ),
      rustCounterMacros: stringList(
        config.get<unknown>('rustCounterMacros'),
        DEFAULT_SERVER_SETTINGS.rustCounterMacros,
      ),
    },
    run: readRunSettings(sub('run')),
    openLatestOnStartup: config.get<unknown>('run.openLatestOnStartup') === true,
    traceServer: traceSetting(config.get<unknown>('trace.server')),
    compareExcludeNoisy: config.get<unknown>('compare.excludeNoisy') === true,
  };
}

/** The part of the settings the language server honours (sent at start and on every change). */
export function serverSettingsOf(s: Settings): ServerSettings {
  return { codeLens: s.codeLens, ...s.counters };
}

/** `perflens.trace.server`. */
export type ServerTraceSetting = 'off' | 'messages' | 'verbose';

const traceSetting = (v: unknown): ServerTraceSetting =>
  v === 'messages' || v === 'verbose' ? v : 'off';

export type ProfilerSetting = 'cpu-prof' | '0x' | 'none';

/** `perflens.run.*`, normalised. */
export interface RunSettings {
  readonly command: string | readonly string[] | undefined;
  readonly args: readonly string[];
  readonly cwd: string | undefined;
  readonly env: Readonly<Record<string, string>>;
  readonly profiler: ProfilerSetting;
  readonly samplingIntervalUs: number;
  readonly durationSeconds: number;
  readonly outputDir: string;
  readonly graceMs: number;
  readonly diagnosticsUrl: string | undefined;
  /** SPHERE_PERF / SPHERE_DEBUG / SPHERE_PERF_DUMP_MS as the run gets them. */
  readonly sphereEnv: Readonly<Record<string, string>>;
}

const stringRecord = (v: unknown): Record<string, string> => {
  const out: Record<string, string> = {};
  if (typeof v === 'object' && v !== null)
    for (const [k, x] of Object.entries(v)) if (typeof x === 'string') out[k] = x;
  return out;
};
const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
const stringList = (v: unknown, fallback: readonly string[]): readonly string[] =>
  Array.isArray(v) && v.every((x) => typeof x === 'string') ? v : fallback;
const positive = (v: unknown, fallback: number): number =>
  typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : fallback;

/** Reads the `perflens.run` section (of one folder: `getConfiguration('perflens.run', folder)`). */
export function readRunSettings(config: ConfigurationLike): RunSettings {
  const command = config.get<unknown>('command');
  const profiler = config.get<unknown>('profiler');
  // Every key explicit: the runner has SPHERE_* defaults of its own (SPHERE_PERF=1,
  // SPHERE_DEBUG=perf=info), so a key left out would leave them on whatever the setting says.
  const debug = config.get<unknown>('sphereDebug');
  const sphere: Record<string, string> = {
    SPHERE_PERF: config.get<unknown>('spherePerf') === false ? '0' : '1',
    SPHERE_DEBUG: typeof debug === 'string' ? debug : 'perf=info',
    SPHERE_PERF_DUMP_MS: String(positive(config.get<unknown>('perfDumpMs'), 5000)),
  };
  const cwd = config.get<unknown>('cwd');
  const url = config.get<unknown>('diagnosticsUrl');
  return {
    command:
      typeof command === 'string'
        ? command.trim() || undefined
        : Array.isArray(command)
          ? strings(command)
          : undefined,
    args: strings(config.get<unknown>('args')),
    cwd: typeof cwd === 'string' && cwd.length > 0 ? cwd : undefined,
    env: stringRecord(config.get<unknown>('env')),
    profiler: profiler === '0x' || profiler === 'none' ? profiler : 'cpu-prof',
    samplingIntervalUs: positive(config.get<unknown>('samplingIntervalUs'), 0),
    durationSeconds: positive(config.get<unknown>('durationSeconds'), 0),
    outputDir: (config.get<string>('outputDir') ?? '').trim() || '.perflens/runs',
    graceMs: positive(config.get<unknown>('graceMs'), 5000),
    diagnosticsUrl: typeof url === 'string' && url.length > 0 ? url : undefined,
    sphereEnv: sphere,
  };
}
