/**
 * Whole-file JSON for the importers of formats that are read whole (legacy cpuprofile, Chrome
 * traces, Trace Event files, heap profiles): decode, parse, and on a syntax error say where —
 * line and column — and what was expected, instead of V8's bare message.
 */
import type { EngineDiagnostic } from '../diagnostics';
import type { ProfileInput } from './importer';
import { decodeChunks, invalidJson } from './textInput';

export function parseJsonInput(
  input: ProfileInput,
  what: string,
): { value: unknown } | { error: EngineDiagnostic } {
  const d = decodeChunks(input.fileName, input.chunks, what);
  if ('error' in d) return d;
  try {
    return { value: JSON.parse(d.text) as unknown };
  } catch (e) {
    // A file cut off while written says so, with where it ends, as the streamed readers do.
    return { error: invalidJson(input.fileName, d.text, e, `a ${what} JSON document`) };
  }
}

export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** `file.json` from `/a/b/file.json`. */
export const baseName = (fileName: string): string => fileName.split(/[\\/]/).pop() ?? fileName;
