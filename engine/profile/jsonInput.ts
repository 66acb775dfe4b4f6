/**
 * Whole-file JSON for the importers of formats that are read whole (legacy cpuprofile, Chrome
 * traces, Trace Event files, heap profiles): decode, parse, and on a syntax error say where —
 * line and column — and what was expected, instead of V8's bare message.
 */
import { errorAt, type EngineDiagnostic } from '../diagnostics';
import type { ProfileInput } from './importer';
import { decodeChunks, jsonErrorPosition, lineColumnAt } from './textInput';

export function parseJsonInput(
  input: ProfileInput,
  what: string,
): { value: unknown } | { error: EngineDiagnostic } {
  const d = decodeChunks(input.fileName, input.chunks, what);
  if ('error' in d) return d;
  try {
    return { value: JSON.parse(d.text) as unknown };
  } catch (e) {
    const msg = (e as Error).message;
    const pos = jsonErrorPosition(msg, d.text);
    return {
      error: errorAt(input.fileName, `not valid JSON: ${msg}`, {
        ...(pos !== undefined ? lineColumnAt(d.text, pos) : {}),
        expected: `a complete ${what} JSON document`,
      }),
    };
  }
}

export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** `file.json` from `/a/b/file.json`. */
export const baseName = (fileName: string): string => fileName.split(/[\\/]/).pop() ?? fileName;
