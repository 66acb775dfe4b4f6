/**
 * Custom messages between the extension (client) and the PerfLens language server.
 *
 * One namespace per message (after vscode-eslint's `customMessages.ts` and rust-analyzer's
 * `lsp_ext.ts`): its method name under `perflens/…`, its direction and meaning, its payload
 * types and the `type` object both ends register. Payloads are plain data defined here (see
 * `report.ts`, `diagnostics.ts`); this folder imports nothing from the rest of PerfLens, so a
 * change inside the engine is not a change of the protocol.
 */
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';
import type { WireDiagnostic } from './diagnostics';
import type { CounterReport, ProfileReport } from './report';
import type { LiveUpdate, NativeFrame, SourceData } from './sourceData';
import type { MarkdownTable } from './webview';
import type { CompareData } from './compareView';

/** A source of measured cost the server holds (a profile, a log, a run or soak folder). */
export interface LoadedSourceInfo {
  /** Absolute path of the profile file or folder. */
  readonly path: string;
  readonly kind: string;
  readonly functionCount: number;
  readonly diagnostics: readonly WireDiagnostic[];
}

/**
 * The settings the language server honours, normalised by the extension
 * (`extension/settings.ts`).
 */
export interface ServerSettings {
  readonly codeLens: {
    /** `perflens.codeLens.enabled`: show measured cost as CodeLens. */
    readonly enabled: boolean;
    /**
     * `perflens.codeLens.thresholdPercent`: lens a function without a counter from this CPU share
     * (0–100).
     */
    readonly thresholdPercent: number;
  };
  /** `perflens.counterMap`: counter name → `Owner::fn`, `Owner.fn` or `fn`. */
  readonly counterMap: Readonly<Record<string, string>>;
  /** `perflens.counterCallees`: functions whose first argument names a counter. */
  readonly counterCallees: readonly string[];
  /**
   * `perflens.rustCounterMacros`: Rust macros (without `!`) whose first argument names a counter.
   */
  readonly rustCounterMacros: readonly string[];
}

export const DEFAULT_SERVER_SETTINGS: ServerSettings = {
  codeLens: { enabled: true, thresholdPercent: 1 },
  counterMap: {},
  counterCallees: ['incr', 'observe', 'observeMs', 'time', 'timeSync'],
  rustCounterMacros: ['counter', 'histogram', 'gauge'],
};

/** What the extension passes as `initializationOptions` when it starts the server. */
export interface InitializationOptions {
  readonly settings: ServerSettings;
}

/** What the server says about itself: proof that it started and answers. */
export interface ServerStatus {
  readonly serverVersion: string;
  readonly pid: number;
  readonly nodeVersion: string;
  /** How the server was started: `ipc` by the extension, `stdio` standalone. */
  readonly transport: 'ipc' | 'stdio' | 'unknown';
  /** Milliseconds since the server process started. */
  readonly uptimeMs: number;
  /** Sources of measured cost the server currently holds. */
  readonly loadedSources: readonly LoadedSourceInfo[];
  /** The settings the server applies now (from the extension; defaults when standalone). */
  readonly settings: ServerSettings;
  /** Source documents whose functions the server holds parsed (open ones, and files read). */
  readonly parsedDocuments: number;
}

/** client → server: how are you? Answers at once, whatever else the server is doing. */
export namespace Status {
  export const method = 'perflens/status';
  export type Params = Record<string, never>;
  export const type = new RequestType<Params, ServerStatus, void>(method);
}

/** What the panel shows for one source: the same numbers the CLI report prints. */
export interface SourceView {
  readonly path: string;
  /** What the server now holds for it (CodeLens come from this). */
  readonly source: LoadedSourceInfo;
  /** What was found: CPU profiles, counter dumps (log, run or soak), both, or nothing. */
  readonly found: { readonly profile: boolean; readonly counters: boolean };
  readonly profile?: ProfileReport;
  readonly counters?: CounterReport;
  /**
   * Problems with the input. A section that found nothing would only complain about input never
   * meant for it, so its problems are here only when nothing at all was found.
   */
  readonly diagnostics: readonly WireDiagnostic[];
  /** Everything the panel's tabs show (all functions, per-process counters, series), when asked. */
  readonly panelData?: SourceData;
}

/**
 * client → server: read (or re-read) a profile, log, run folder or soak folder. The server
 * keeps its costs for CodeLens and answers with the view the panel shows — one round trip.
 */
export namespace OpenSource {
  export const method = 'perflens/openSource';
  export interface Params {
    /** Absolute path of a profile file, 0x folder, log, run folder or soak folder. */
    readonly path: string;
    /** Rows per table in the answer (default 50). */
    readonly top?: number;
    /** Also answer with `panelData` (the panel asks; other callers need not pay for it). */
    readonly withPanelData?: boolean;
  }
  export const type = new RequestType<Params, SourceView, void>(method);
}

/** client → server: tables as GitHub Markdown, by the engine's one formatter (the CLI's too). */
export namespace Markdown {
  export const method = 'perflens/markdown';
  export interface Params {
    readonly tables: readonly MarkdownTable[];
  }
  export const type = new RequestType<Params, string, void>(method);
}

/** server → client: the set of loaded sources changed (CodeLens and views may refresh). */
export namespace SourcesChanged {
  export const method = 'perflens/sourcesChanged';
  export interface Params {
    readonly sources: readonly LoadedSourceInfo[];
  }
  export const type = new NotificationType<Params>(method);
}

/**
 * client → server: the settings changed. Carries the whole new set; the server applies it at
 * once (and asks the client to refresh CodeLens). At start the same set goes in
 * `initializationOptions`.
 */
export namespace DidChangeSettings {
  export const method = 'perflens/didChangeSettings';
  export interface Params {
    readonly settings: ServerSettings;
  }
  export const type = new NotificationType<Params>(method);
}

/**
 * A flame graph's data: a compact speedscope file written by the server (source-mapped frames,
 * consecutive identical stacks merged), loaded by the webview through a webview URI — only the
 * path travels here.
 */
export interface FlameData {
  /** What was opened (the profile's or folder's name). */
  readonly title: string;
  /** Absolute path of the speedscope file; absent when no profile could be read. */
  readonly file?: string;
  readonly bytes: number;
  readonly profiles: number;
  /** Set when the time order had to be coarsened (very long profiles); says how. */
  readonly note?: string;
  /**
   * Problems with the input, structured (`formatDiagnostic` prints `file:line:col: severity:
   * message`).
   */
  readonly diagnostics: readonly WireDiagnostic[];
}

/**
 * client → server: the flame graph of every profile at a path (one speedscope profile per
 * process), written into `cacheDir` (a folder the webview may read).
 */
export const FlameDataRequest = new RequestType<
  { readonly path: string; readonly cacheDir: string },
  FlameData,
  void
>('perflens/flameData');

/**
 * client → server: compare two sides of an A/B (each a run folder, a soak folder or a folder of
 * iterations) as `perflens compare` does; the answer carries the verdict and the whole
 * comparison as GitHub-ready Markdown.
 */
export namespace Compare {
  export const method = 'perflens/compare';
  export interface Params {
    readonly baseline: string;
    readonly treatment: string;
    readonly alpha?: number;
    /** Practical threshold as a fraction (0.02 = 2 %). */
    readonly threshold?: number;
    readonly excludeNoisy?: boolean;
  }
  export interface Result {
    /** better | worse | no-difference | inconclusive | failed-correctness; '' when unusable. */
    readonly verdict: string;
    readonly reason: string;
    /** What `perflens compare` would exit with (0, 1, 2, 3). */
    readonly exitCode: number;
    readonly markdown: string;
    readonly iterations: { readonly baseline: number; readonly treatment: number };
    /** Set when a side holds no run (the comparison could not be made). */
    readonly error?: string;
    /** The whole comparison for the Compare view (absent with `error`). */
    readonly data?: CompareData;
  }
  export const type = new RequestType<Params, Result, void>(method);
}

/**
 * client → server: drop the inline costs (CodeLens, hovers, line heat) until a source is opened
 * again.
 */
export namespace ClearInlineCosts {
  export const method = 'perflens/clearInlineCosts';
  export type Params = Record<string, never>;
  export const type = new RequestType<Params, void, void>(method);
}

export interface LineHeat {
  /** `ms` or `samples`: the unit of `self`. */
  readonly unit: 'ms' | 'samples';
  /**
   * Self cost per line from V8 `positionTicks` (1-based lines); empty when the profile has none for
   * the file.
   */
  readonly lines: readonly {
    readonly line: number;
    readonly self: number;
    readonly ticks: number;
    /** Share of the whole profile, 0–100. */
    readonly pct: number;
  }[];
}

/** client → server: per-line self cost of one file, for the line-heat decoration. */
export namespace LineHeatRequest {
  export const method = 'perflens/lineHeat';
  export interface Params {
    readonly uri: string;
  }
  export const type = new RequestType<Params, LineHeat, void>(method);
}

/**
 * The function a CodeLens stands for: the argument of the `perflens.showFunction` command it
 * carries.
 */
export interface FunctionIdentity {
  readonly name: string;
  readonly owner?: string;
  /** Absolute path of the source file and the 1-based line of the function. */
  readonly file: string;
  readonly line: number;
  /** The loaded profile, log or run folder the numbers come from. */
  readonly source: string;
}

/** One counter's running total over a live run (the sum of the windows seen so far). */
export interface LiveCounter {
  readonly name: string;
  readonly totalMs: number;
  readonly count: number;
}

/**
 * client → server: follow a run that has just started. The extension host only runs the
 * process tree and writes `script.log`; the server reads the log as it grows, parses the counter
 * dumps (appending `counters.jsonl`) and reports with `perflens/runProgress`.
 */
export namespace FollowRun {
  export const method = 'perflens/followRun';
  export interface Params {
    /** Absolute path of the run folder (its `script.log` may not exist yet). */
    readonly runDir: string;
  }
  export const type = new RequestType<Params, void, void>(method);
}

/** server → client: what a followed run's counters say so far (sent when a dump completes). */
export namespace RunProgress {
  export const method = 'perflens/runProgress';
  export interface Params {
    readonly runDir: string;
    /** Counter windows (dumps) parsed so far. */
    readonly windows: number;
    /** The timers with the most total time so far, most first (at most 3). */
    readonly top: readonly LiveCounter[];
    /** Bytes of `script.log` read so far. */
    readonly bytesRead: number;
  }
  export const type = new NotificationType<Params>(method);
}

/**
 * server → client: a followed run's new counter windows and current counter rows, at most once a
 * second while dumps arrive, for any panel showing the run (`LiveUpdate` in sourceData.ts).
 */
export namespace LiveRunData {
  export const method = 'perflens/liveRunData';
  export interface Params {
    readonly runDir: string;
    readonly update: LiveUpdate;
  }
  export const type = new NotificationType<Params>(method);
}

/**
 * client → server: where a native (Rust) frame of the panel is defined. The client lists the
 * workspace's `.rs` files; the server parses them and applies the inline matcher's rules (name,
 * `impl` owner, trait, module path). `found` holds every match (usually one); `reason` says why
 * there is none.
 */
export namespace LocateNative {
  export const method = 'perflens/locateNative';
  export interface Params {
    readonly frame: NativeFrame;
    readonly files: readonly string[];
  }
  export interface Result {
    readonly found: readonly {
      readonly file: string;
      readonly line: number;
      readonly column: number;
    }[];
    readonly reason?: string;
  }
  export const type = new RequestType<Params, Result, void>(method);
}

/**
 * client → server: where a counter is recorded — the call sites in `files` whose callee is one of
 * the configured recorders (`perflens.counterCallees`, Rust `metrics` macros) and whose name is
 * the counter (a literal, or a template whose holes fit), found by the server's parsers. `found`
 * holds every call site (file order, then line); `reason` says why there is none.
 */
export namespace LocateCounter {
  export const method = 'perflens/locateCounter';
  export interface Params {
    readonly name: string;
    readonly files: readonly string[];
  }
  export interface Result {
    readonly found: readonly {
      readonly file: string;
      readonly line: number;
      /** The callee as written (`perf.observe`, `histogram!`). */
      readonly callee: string;
    }[];
    readonly reason?: string;
  }
  export const type = new RequestType<Params, Result, void>(method);
}

/**
 * client → server: a followed run has ended (run.json says how). The server reads the rest of
 * the log and writes `totals.tsv` and `summary-metrics.json`; it answers when they are on disk.
 */
export namespace FinishRun {
  export const method = 'perflens/finishRun';
  export interface Params {
    readonly runDir: string;
  }
  export interface Result {
    /** Counter windows parsed over the whole run. */
    readonly windows: number;
    /** Problems met while parsing (bad dumps, unreadable samples), as data. */
    readonly diagnostics: readonly WireDiagnostic[];
  }
  export const type = new RequestType<Params, Result, void>(method);
}
