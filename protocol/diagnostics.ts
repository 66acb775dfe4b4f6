/**
 * A problem with the user's input, as it crosses a channel (server → extension, server → CLI
 * JSON, extension → webview): structured, so each end can place it — the Problems panel at
 * its line, a clickable link in the view, `file:line:col: severity: message` in a terminal.
 * The engine's `EngineDiagnostic` has this shape; the server hands it over as is.
 */
import type { SourceWarning } from './sourceData';
export interface WireDiagnostic {
  readonly severity: 'error' | 'warning';
  /** The file as the user named it (absolute when it came from a path the extension sent). */
  readonly file: string;
  /** 1-based line, when the input is line-oriented. */
  readonly line?: number;
  /** 1-based column on that line. */
  readonly column?: number;
  /** 0-based byte offset into the file, when lines mean nothing (JSON blobs, binary). */
  readonly offset?: number;
  /** What the reader expected at that place, e.g. "a JSON object with 'nodes'". */
  readonly expected?: string;
  /** One sentence a person can act on. */
  readonly message: string;
  /**
   * How many times the same problem occurred in this file, when more than once (this is the first).
   */
  readonly repeats?: number;
}

/**
 * `file:line:column: severity: message (expected …)` — the form compilers print, so terminals
 * and editors link it. Every face (CLI, panel, logs) prints a problem this way.
 */
export function formatDiagnostic(d: WireDiagnostic): string {
  let place = d.file;
  if (d.line !== undefined) {
    place += `:${d.line}`;
    if (d.column !== undefined) place += `:${d.column}`;
  } else if (d.offset !== undefined) {
    place += ` (byte ${d.offset})`;
  }
  const expected = d.expected ? ` (expected ${d.expected})` : '';
  const repeats = d.repeats ? ` [${d.repeats} times in all; first shown]` : '';
  return `${place}: ${d.severity}: ${d.message}${expected}${repeats}`;
}

/** A problem as a page lists it: its place (a link when it has a line) and its one text form. */
export function sourceWarningOf(d: WireDiagnostic): SourceWarning {
  return {
    severity: d.severity,
    file: d.file,
    ...(d.line !== undefined ? { line: d.line } : {}),
    ...(d.column !== undefined ? { column: d.column } : {}),
    ...(d.offset !== undefined ? { offset: d.offset } : {}),
    text: formatDiagnostic(d),
  };
}
