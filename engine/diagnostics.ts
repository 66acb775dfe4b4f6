/**
 * What the engine says about its input when something is wrong with it.
 *
 * Every reader reports bad input as data, never as a thrown crash: the file, the place
 * (1-based line and column as editors show them, or a byte offset for binary-ish input),
 * what was expected there, and what was found. A reader that can still build a best-effort
 * result returns it together with warnings; one that cannot returns errors only.
 */
export type Severity = 'error' | 'warning';

export interface EngineDiagnostic {
  readonly severity: Severity;
  /** The file as the user named it (absolute or relative to what they opened). */
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
  /** Set by collapseRepeats: the same problem occurred this many times in the file. */
  readonly repeats?: number;
}

/** The one formatter of a problem (`file:line:col: severity: message`), shared with every face. */
export { formatDiagnostic } from '../protocol/diagnostics';

export function errorAt(
  file: string,
  message: string,
  where: Partial<Pick<EngineDiagnostic, 'line' | 'column' | 'offset' | 'expected'>> = {},
): EngineDiagnostic {
  return { severity: 'error', file, message, ...where };
}

export function warningAt(
  file: string,
  message: string,
  where: Partial<Pick<EngineDiagnostic, 'line' | 'column' | 'offset' | 'expected'>> = {},
): EngineDiagnostic {
  return { severity: 'warning', file, message, ...where };
}
