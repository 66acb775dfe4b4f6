/**
 * The importer contract (STYLE.md, after speedscope `src/import/*`): each input format is one
 * pure module — no `fs`, no `vscode` — registered as `{ id, matchesName, sniff, parse }`.
 * An importer that does not recognise its input says so with a reason (`not-mine`) instead of
 * throwing, so the registry can tell the user why every importer declined.
 */
import type { EngineDiagnostic } from '../diagnostics';
import type { ProfileModel } from './model';

/** The bytes of one file, as chunks (a whole file may exceed V8's maximum string length). */
export interface ProfileInput {
  /** The file as the user named it; used in diagnostics and by `matchesName`. */
  readonly fileName: string;
  readonly chunks: Iterable<Uint8Array>;
}

export type ImportResult =
  /** Parsed; `profiles` may be empty only when `diagnostics` holds an error. */
  | {
      readonly kind: 'profiles';
      readonly profiles: readonly ProfileModel[];
      readonly diagnostics: readonly EngineDiagnostic[];
    }
  /** Not this importer's format; `reason` says what it looked for. */
  | { readonly kind: 'not-mine'; readonly importer: string; readonly reason: string };

/** An incremental parser for formats big enough to need streaming (V8 cpuprofile). */
export interface StreamParser {
  /** The next bytes; the caller may reuse `chunk`'s memory once this returns (copy what you keep). */
  push(chunk: Uint8Array): void;
  end(): ImportResult;
}

export interface ProfileImporter {
  /** Stable id, also used as `ProfileModel.format`. */
  readonly id: string;
  /** The format as a user knows it (`.cpuprofile`, `folded stacks`), for lists in refusals. */
  readonly label: string;
  /** Name of the tool and version whose output it reads, for messages and docs. */
  readonly reads: string;
  /** Whether a file name looks like this format (extension, naming convention). */
  matchesName(fileName: string): boolean;
  /**
   * Whether the first few KB of text look like this format; `null` means yes, a string says why
   * not.
   */
  sniff(head: string): string | null;
  /**
   * For binary formats: the same over the first few KB of bytes (preferred over `sniff` when
   * given).
   */
  sniffBytes?(head: Uint8Array): string | null;
  /** Parses a whole input. Never throws on bad input. */
  parse(input: ProfileInput): ImportResult;
  /** Present for importers that can take chunks as they are read from disk. */
  createStreamParser?(fileName: string, sizeHint?: number): StreamParser;
}

export function notMine(importer: string, reason: string): ImportResult {
  return { kind: 'not-mine', importer, reason };
}
