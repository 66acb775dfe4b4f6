/**
 * Where a JSON file broke, for a problem the run reader reported at byte 0 (engine/soak reads
 * run.json and summary-metrics.json with `JSON.parse`, which names only a character position in
 * its message). The comparison places it at its line and column so a terminal or the Problems
 * panel can jump there. Pure: the text is handed in.
 */
import type { EngineDiagnostic } from '../diagnostics';

/** 1-based line and column of character `index` in `text`. */
export function lineColumnAt(text: string, index: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(index, text.length)));
  const lastBreak = before.lastIndexOf('\n');
  return { line: before.split('\n').length, column: before.length - lastBreak };
}

/**
 * The character `JSON.parse` stopped at, from its message: `… at position N` (V8), or the end of
 * the text for `Unexpected end of JSON input`; undefined when the message names no place.
 */
export function jsonErrorIndex(message: string, text: string): number | undefined {
  const m = /at position (\d+)/.exec(message);
  if (m) return Number(m[1]);
  if (/end of JSON input/.test(message)) return text.length;
  return undefined;
}

/** `d` placed at its line and column when it is a JSON parse failure of `text` at byte 0. */
export function placeJsonError(d: EngineDiagnostic, text: string): EngineDiagnostic {
  if (d.line !== undefined || d.offset !== 0) return d;
  const index = jsonErrorIndex(d.message, text);
  if (index === undefined) return d;
  const { offset: _offset, ...rest } = d;
  void _offset;
  return { ...rest, ...lineColumnAt(text, index) };
}
