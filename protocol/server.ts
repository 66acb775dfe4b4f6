/**
 * Custom messages between the extension (client) and the PerfLens language server.
 *
 * One object per message; the direction is in each doc comment. Both sides import this
 * module, so a renamed field is a compile error on both ends rather than a silent mismatch.
 * Names follow the `perflens/…` namespace, as rust-analyzer does with `rust-analyzer/…`.
 */
import { RequestType, NotificationType } from 'vscode-languageserver-protocol';
import type { ProfileFunctionRow, ProfileProcessRow } from '../engine/report/profileReport';
import type { CounterSection } from '../engine/report/counterReport';

/** What the server says about itself: proof that it started and answers. */
export interface ServerStatus {
  readonly serverVersion: string;
  readonly pid: number;
  readonly nodeVersion: string;
  /** How the server was started: `ipc` by the extension, `stdio` standalone. */
  readonly transport: 'ipc' | 'stdio' | 'unknown';
  /** Milliseconds since the server process started. */
  readonly uptimeMs: number;
  /** Sources of measured cost the server currently holds (profiles, run folders). */
  readonly loadedSources: readonly LoadedSourceInfo[];
  /** The settings the server applies now (from the extension; defaults when standalone). */
  readonly settings: ServerSettings;
}

export interface LoadedSourceInfo {
  /** Absolute path of the profile file or run folder. */
  readonly path: string;
  readonly kind: string;
  readonly functionCount: number;
  readonly diagnostics: readonly string[];
}

/** client → server: report status. */
export const StatusRequest = new RequestType<Record<string, never>, ServerStatus, void>(
  'perflens/status',
);

export interface OpenSourceParams {
  /** Absolute path of a profile file, 0x folder, run folder or soak folder. */
  readonly path: string;
}

/** client → server: load (or reload) a source of measured cost; CodeLens follow from it. */
export const OpenSourceRequest = new RequestType<OpenSourceParams, LoadedSourceInfo, void>(
  'perflens/openSource',
);

/** server → client: the set of loaded sources changed (CodeLens and views should refresh). */
export const SourcesChangedNotification = new NotificationType<{
  readonly sources: readonly LoadedSourceInfo[];
}>('perflens/sourcesChanged');

export interface ViewParams {
  /** Absolute path of a profile, log, run folder or soak folder. */
  readonly path: string;
  /** How many rows per table (default 50). */
  readonly top?: number;
}

/** What the panel shows for one source: the same numbers the CLI report prints. */
export interface SourceView {
  readonly path: string;
  /** What was found: CPU profiles, counter dumps (log, run or soak), both, or nothing. */
  readonly found: { readonly profile: boolean; readonly counters: boolean };
  readonly profile?: {
    readonly unit: 'ms' | 'samples';
    readonly totalSamples: number;
    readonly totalMs: number | null;
    readonly processes: readonly ProfileProcessRow[];
    readonly functions: readonly ProfileFunctionRow[];
  };
  readonly counters?: Omit<CounterSection, 'diagnostics'>;
  /** Problems with the input, formatted `file:line: severity: message`. */
  readonly diagnostics: readonly string[];
}

/** client → server: the view model of a source, for the panel. */
export const SourceViewRequest = new RequestType<ViewParams, SourceView, void>(
  'perflens/sourceView',
);

/** A flame graph's data: a speedscope-format file built by the engine (source-mapped frames). */
export interface FlameData {
  readonly fileName: string;
  /** The speedscope JSON, base64 (what speedscope's loadFileFromBase64 takes). Empty when there is no profile. */
  readonly base64: string;
  readonly profiles: number;
  readonly diagnostics: readonly string[];
}

/** client → server: the flame graph of every profile at a path (one speedscope profile per process). */
export const FlameDataRequest = new RequestType<{ readonly path: string }, FlameData, void>(
  'perflens/flameData',
);

/**
 * The settings the language server honours, normalised by the extension
 * (`extension/settings.ts`). Sent as `initializationOptions.settings` at start, then with
 * `perflens/didChangeSettings` whenever one of them changes.
 */
export interface ServerSettings {
  readonly codeLens: {
    /** `perflens.codeLens.enabled`: show measured cost as CodeLens. */
    readonly enabled: boolean;
  };
}

export const DEFAULT_SERVER_SETTINGS: ServerSettings = { codeLens: { enabled: true } };

/** What the extension passes as `initializationOptions`. */
export interface InitializationOptions {
  readonly settings: ServerSettings;
}

/** client → server: the settings changed (the whole new set; the server applies it live). */
export const DidChangeSettingsNotification = new NotificationType<{
  readonly settings: ServerSettings;
}>('perflens/didChangeSettings');
