/**
 * Messages between the extension host and the PerfLens webview.
 *
 * `ToWebview` flows extension → webview, `FromWebview` flows webview → extension. The webview
 * is treated as untrusted input: every message entering the extension host goes through
 * `parseFromWebview`, which checks shape and types and returns `undefined` for anything else.
 * Data reaches the page only by `postMessage` after the page says `ready`, never inlined into HTML.
 */

import type { LiveUpdate, NativeFrame, SourceData, SourceWarning } from './sourceData';

/** One row of a table the webview shows; every value is rendered as text, never HTML. */
export type Cell = string | number | null;

export interface TableView {
  readonly title: string;
  /** What the numbers rest on, shown under the table: sample counts, window, units. */
  readonly basis: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly Cell[])[];
}

export interface PanelModel {
  readonly title: string;
  /** Short facts about what is shown (source path, server status). */
  readonly facts: readonly { readonly label: string; readonly value: string }[];
  readonly tables: readonly TableView[];
  /** Problems with the input, placed (a link where they have a line) and in their one text form. */
  readonly diagnostics: readonly SourceWarning[];
  /** Buttons the page offers; pressing one sends `{ type: 'action', id }`. */
  readonly actions?: readonly { readonly id: PanelActionId; readonly label: string }[];
}

export type PanelActionId = 'openFlame';
const PANEL_ACTIONS: readonly PanelActionId[] = ['openFlame'];

/** extension → webview */
export type ToWebview =
  /** Replace what the panel shows with generic tables (server status). */
  | { readonly type: 'show'; readonly model: PanelModel }
  /**
   * Show (or refresh) one source's tabs. `live` while a run is still writing: the page keeps
   * sort, filter, scroll and selection across these updates (sent at most once a second).
   */
  | { readonly type: 'source'; readonly data: SourceData; readonly live: boolean }
  /**
   * A followed run's new windows and current counter rows, merged into the source shown (the page
   * asks for `resync` if a window is missing, e.g. when it was opened between two updates).
   */
  | { readonly type: 'live'; readonly path: string; readonly update: LiveUpdate }
  /** The host did what the page asked (copied Markdown, opened a file) or could not, and why. */
  | { readonly type: 'notice'; readonly text: string; readonly error: boolean }
  /**
   * A CodeLens was clicked: show its function in the Functions tab (filtered to it, scrolled to
   * and selected), in the source already shown.
   */
  | { readonly type: 'focus'; readonly fn: FunctionFocus };

/** The function a CodeLens stands for, as the source file names it. */
export interface FunctionFocus {
  readonly name: string;
  /** Class, object or `impl` type it is defined on. */
  readonly owner?: string;
  /** The source file of the lens and its 1-based line. */
  readonly file?: string;
  readonly line?: number;
}

/** A table as the page shows it (its sort, filter and selection applied), for Markdown. */
export interface MarkdownTable {
  readonly title: string;
  /** Lines above the table: the run, what the numbers rest on (samples, windows, processes). */
  readonly context: readonly string[];
  readonly columns: readonly { readonly label: string; readonly numeric: boolean }[];
  readonly rows: readonly (readonly Cell[])[];
  /** Lines below the table: the basis of each percentage, what a total row means. */
  readonly notes: readonly string[];
}

/** webview → extension */
export type FromWebview =
  /** The page has loaded its script and listens for messages. */
  | { readonly type: 'ready' }
  /** A live update did not follow what the page holds: send the whole source again. */
  | { readonly type: 'resync' }
  /**
   * The page has drawn a model; `rows` counts table rows rendered (lets tests and telemetry see
   * it).
   */
  | { readonly type: 'rendered'; readonly tables: number; readonly rows: number }
  /** Reveal a source location (1-based line and column). */
  | {
      readonly type: 'openLocation';
      readonly file: string;
      readonly line: number;
      readonly column?: number;
    }
  /** Open the definition of a native (Rust) frame that has no file: the host finds it by name. */
  | { readonly type: 'openNative'; readonly frame: NativeFrame }
  /** The user pressed one of the model's action buttons. */
  | { readonly type: 'action'; readonly id: PanelActionId }
  /** Copy these tables as GitHub Markdown (the engine's one formatter writes it). */
  | { readonly type: 'copyMarkdown'; readonly tables: readonly MarkdownTable[] }
  /**
   * Show the measured cost of a function or counter inline in the editor (CodeLens at its source).
   */
  | {
      readonly type: 'showInlineCosts';
      readonly kind: 'function' | 'counter';
      readonly name: string;
      readonly file?: string;
      readonly line?: number;
    };

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

const MAX_MARKDOWN_ROWS = 100_000;
const isCell = (v: unknown): v is Cell =>
  v === null ||
  (typeof v === 'number' && Number.isFinite(v)) ||
  (typeof v === 'string' && v.length <= 10_000);
const isTextList = (v: unknown, max: number): v is string[] =>
  Array.isArray(v) &&
  v.length <= max &&
  v.every((x) => typeof x === 'string' && x.length <= 10_000);

function parseMarkdownTable(raw: unknown): MarkdownTable | undefined {
  if (!isRecord(raw) || typeof raw.title !== 'string' || raw.title.length > 1000) return undefined;
  if (!isTextList(raw.context, 50) || !isTextList(raw.notes, 50)) return undefined;
  if (!Array.isArray(raw.columns) || raw.columns.length === 0 || raw.columns.length > 50)
    return undefined;
  const columns: { label: string; numeric: boolean }[] = [];
  for (const c of raw.columns as unknown[]) {
    if (!isRecord(c) || typeof c.label !== 'string' || c.label.length > 200) return undefined;
    if (typeof c.numeric !== 'boolean') return undefined;
    columns.push({ label: c.label, numeric: c.numeric });
  }
  if (!Array.isArray(raw.rows) || raw.rows.length > MAX_MARKDOWN_ROWS) return undefined;
  const rows: Cell[][] = [];
  for (const r of raw.rows as unknown[]) {
    if (!Array.isArray(r) || r.length !== columns.length || !r.every(isCell)) return undefined;
    rows.push([...r]);
  }
  return {
    title: raw.title,
    context: [...raw.context],
    columns,
    rows,
    notes: [...raw.notes],
  };
}

/**
 * Validate a message from the webview. Returns `undefined` for anything not exactly one of
 * `FromWebview`.
 */
export function parseFromWebview(raw: unknown): FromWebview | undefined {
  if (!isRecord(raw)) return undefined;
  switch (raw.type) {
    case 'ready':
      return { type: 'ready' };
    case 'resync':
      return { type: 'resync' };
    case 'rendered':
      return isCount(raw.tables) && isCount(raw.rows)
        ? { type: 'rendered', tables: raw.tables, rows: raw.rows }
        : undefined;
    case 'openLocation':
      return typeof raw.file === 'string' &&
        raw.file.length > 0 &&
        raw.file.length < 4096 &&
        isCount(raw.line) &&
        raw.line >= 1
        ? {
            type: 'openLocation',
            file: raw.file,
            line: raw.line,
            ...(isCount(raw.column) && raw.column >= 1 ? { column: raw.column } : {}),
          }
        : undefined;
    case 'openNative': {
      const f = raw.frame;
      const name = (v: unknown): v is string =>
        typeof v === 'string' && v.length > 0 && v.length <= 1024;
      if (!isRecord(f) || !name(f.name) || typeof f.modulePath !== 'string') return undefined;
      if (f.modulePath.length > 4096) return undefined;
      if ((f.owner !== undefined && !name(f.owner)) || (f.trait !== undefined && !name(f.trait)))
        return undefined;
      return {
        type: 'openNative',
        frame: {
          modulePath: f.modulePath,
          name: f.name,
          ...(f.owner !== undefined ? { owner: f.owner } : {}),
          ...(f.trait !== undefined ? { trait: f.trait } : {}),
        },
      };
    }
    case 'action':
      return PANEL_ACTIONS.includes(raw.id as PanelActionId)
        ? { type: 'action', id: raw.id as PanelActionId }
        : undefined;
    case 'copyMarkdown': {
      if (!Array.isArray(raw.tables) || raw.tables.length === 0 || raw.tables.length > 20)
        return undefined;
      const tables = (raw.tables as unknown[]).map(parseMarkdownTable);
      return tables.every((t): t is MarkdownTable => t !== undefined)
        ? { type: 'copyMarkdown', tables }
        : undefined;
    }
    case 'showInlineCosts': {
      if (raw.kind !== 'function' && raw.kind !== 'counter') return undefined;
      if (typeof raw.name !== 'string' || raw.name.length === 0 || raw.name.length > 4096)
        return undefined;
      const file =
        typeof raw.file === 'string' && raw.file.length > 0 && raw.file.length < 4096
          ? raw.file
          : undefined;
      const line = isCount(raw.line) && raw.line >= 1 ? raw.line : undefined;
      return {
        type: 'showInlineCosts',
        kind: raw.kind,
        name: raw.name,
        ...(file !== undefined ? { file } : {}),
        ...(line !== undefined ? { line } : {}),
      };
    }
    default:
      return undefined;
  }
}

function parseFocus(fn: unknown): ToWebview | undefined {
  if (!isRecord(fn) || !shortText(fn.name)) return undefined;
  const owner = shortText(fn.owner) ? fn.owner : undefined;
  const file = shortText(fn.file, 4096) ? fn.file : undefined;
  const line = isCount(fn.line) && fn.line >= 1 ? fn.line : undefined;
  return {
    type: 'focus',
    fn: {
      name: fn.name,
      ...(owner !== undefined ? { owner } : {}),
      ...(file !== undefined ? { file } : {}),
      ...(line !== undefined ? { line } : {}),
    },
  };
}

/**
 * Validate a message from the extension inside the webview (defence in depth; the page trusts
 * nothing).
 */
export function parseToWebview(raw: unknown): ToWebview | undefined {
  if (!isRecord(raw)) return undefined;
  if (raw.type === 'source')
    return isRecord(raw.data) &&
      typeof raw.data.path === 'string' &&
      isRecord(raw.data.summary) &&
      Array.isArray(raw.data.warnings) &&
      typeof raw.live === 'boolean'
      ? (raw as unknown as ToWebview)
      : undefined;
  if (raw.type === 'live')
    return typeof raw.path === 'string' &&
      isRecord(raw.update) &&
      isRecord(raw.update.counters) &&
      Array.isArray(raw.update.windows)
      ? (raw as unknown as ToWebview)
      : undefined;
  if (raw.type === 'notice')
    return typeof raw.text === 'string' && typeof raw.error === 'boolean'
      ? { type: 'notice', text: raw.text, error: raw.error }
      : undefined;
  if (raw.type === 'focus') return parseFocus(raw.fn);
  if (raw.type !== 'show' || !isRecord(raw.model)) return undefined;
  const m = raw.model;
  if (
    typeof m.title !== 'string' ||
    !Array.isArray(m.facts) ||
    !Array.isArray(m.tables) ||
    !Array.isArray(m.diagnostics)
  )
    return undefined;
  return raw as unknown as ToWebview;
}

// ---------------------------------------------------------------------------------------------
// The flame-graph webview (speedscope, driven through its `loadFileFromBase64` hook).

/**
 * extension → flame webview. Every message names the `source` (the profile or folder path) so
 * the page can keep it in its state and a reloaded window can draw it again.
 *  - loadProfile: fetch `url` (a webview URI of the server's compact speedscope file) and draw it.
 *  - status: what is happening (reading a 500 MB profile takes a while).
 *  - failed: why there is nothing to draw (file, place, what went wrong).
 */
export type ToFlame =
  | {
      readonly type: 'loadProfile';
      readonly source: string;
      readonly fileName: string;
      readonly url: string;
      readonly note?: string;
    }
  | { readonly type: 'status'; readonly source: string; readonly text: string }
  | { readonly type: 'failed'; readonly source: string; readonly message: string };

/** flame webview → extension */
export type FromFlame =
  /** speedscope has mounted and its loading hook is defined. */
  | { readonly type: 'flameReady'; readonly speedscopeVersion: string }
  /** speedscope has imported and drawn the profile (its title is speedscope's document title). */
  | {
      readonly type: 'flameLoaded';
      readonly title: string;
      /**
       * Time in the page: fetching the file (and encoding it for the hook), then speedscope
       * importing and drawing it.
       */
      readonly fetchMs?: number;
      readonly drawMs?: number;
    }
  /** The hook was missing or loading failed. */
  | { readonly type: 'flameError'; readonly message: string };

const isDuration = (v: unknown): v is number =>
  typeof v === 'number' && Number.isFinite(v) && v >= 0;
const shortText = (v: unknown, max = 2000): v is string => typeof v === 'string' && v.length <= max;

/** Validate a message from the flame webview. */
export function parseFromFlame(raw: unknown): FromFlame | undefined {
  if (!isRecord(raw)) return undefined;
  switch (raw.type) {
    case 'flameReady':
      return shortText(raw.speedscopeVersion, 64)
        ? { type: 'flameReady', speedscopeVersion: raw.speedscopeVersion }
        : undefined;
    case 'flameLoaded':
      if (!shortText(raw.title)) return undefined;
      return {
        type: 'flameLoaded',
        title: raw.title,
        ...(isDuration(raw.fetchMs) ? { fetchMs: raw.fetchMs } : {}),
        ...(isDuration(raw.drawMs) ? { drawMs: raw.drawMs } : {}),
      };
    case 'flameError':
      return shortText(raw.message) ? { type: 'flameError', message: raw.message } : undefined;
    default:
      return undefined;
  }
}

/** Validate a message inside the flame page. */
export function parseToFlame(raw: unknown): ToFlame | undefined {
  if (!isRecord(raw) || !shortText(raw.source, 4096)) return undefined;
  const source = raw.source;
  switch (raw.type) {
    case 'loadProfile':
      if (!shortText(raw.fileName, 1024) || !shortText(raw.url, 8192)) return undefined;
      if (raw.note !== undefined && !shortText(raw.note, 4096)) return undefined;
      return {
        type: 'loadProfile',
        source,
        fileName: raw.fileName,
        url: raw.url,
        ...(raw.note !== undefined ? { note: raw.note } : {}),
      };
    case 'status':
      return shortText(raw.text, 4096) ? { type: 'status', source, text: raw.text } : undefined;
    case 'failed':
      return shortText(raw.message, 20_000)
        ? { type: 'failed', source, message: raw.message }
        : undefined;
    default:
      return undefined;
  }
}

/**
 * The flame page's saved state (`vscode.setState`), handed back by the serializer after a reload.
 */
export interface FlameState {
  readonly source: string;
}

export function parseFlameState(raw: unknown): FlameState | undefined {
  return isRecord(raw) && shortText(raw.source, 4096) && raw.source.length > 0
    ? { source: raw.source }
    : undefined;
}

/** What a PerfLens source panel keeps through the webview state API: its source, for a reload. */
export interface PanelState {
  readonly source: string;
}

/** Validate a source panel's saved state (VS Code hands it back after a window reload). */
export function parsePanelState(raw: unknown): PanelState | undefined {
  return isRecord(raw) &&
    typeof raw.source === 'string' &&
    raw.source.length > 0 &&
    raw.source.length < 4096
    ? { source: raw.source }
    : undefined;
}
