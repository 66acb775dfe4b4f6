/**
 * Turns chunked input into one string for the text formats (folded, perf script, speedscope
 * JSON), refusing politely when the file is longer than V8 can hold in one string
 * (`0x1fffffe8` UTF-16 units on 64-bit Node 20), instead of crashing with "Invalid string length".
 */
import { errorAt, type EngineDiagnostic } from '../diagnostics';
import { jsonErrorOffset } from './jsonErrorOffset';

/** V8's maximum string length on 64-bit platforms (v8/include/v8-primitive.h, `kMaxLength`). */
export const MAX_STRING_LENGTH = 0x1fffffe8;

export function decodeChunks(
  fileName: string,
  chunks: Iterable<Uint8Array>,
  what: string,
  limit = MAX_STRING_LENGTH,
): { text: string } | { error: EngineDiagnostic } {
  const decoder = new TextDecoder('utf-8', { fatal: false });
  const parts: string[] = [];
  let length = 0;
  for (const chunk of chunks) {
    const part = decoder.decode(chunk, { stream: true });
    length += part.length;
    if (length > limit) {
      return {
        error: errorAt(
          fileName,
          `the file is larger than the ${limit}-character limit of one JavaScript ` +
            `string; ${what} files this big cannot be read whole`,
          { offset: 0, expected: `a ${what} file under ${Math.floor(limit / 1048576)} MiB` },
        ),
      };
    }
    parts.push(part);
  }
  parts.push(decoder.decode());
  return { text: parts.join('') };
}

/** 1-based line and column of a character offset in `text`. */
export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * Character offset of a `JSON.parse` syntax error in `text`: from V8's message when it says, else
 * found by re-scanning.
 */
export function jsonErrorPosition(message: string, text: string): number | undefined {
  const m = /position (\d+)/.exec(message);
  if (m) return Number(m[1]);
  const at = jsonErrorOffset(text);
  return at >= 0 ? at : undefined;
}

/**
 * The refusal for text that `JSON.parse` rejected: where, and — when the error sits at the end of
 * the text — that the file stops early (a profiler killed while writing), rather than V8's
 * message about whatever character happened to be last.
 */
export function invalidJson(
  fileName: string,
  text: string,
  error: unknown,
  expected: string,
): EngineDiagnostic {
  const msg = error instanceof Error ? error.message : String(error);
  const pos = jsonErrorPosition(msg, text);
  const end = text.trimEnd().length;
  if (pos === undefined || pos >= end - 1 || /Unexpected end of JSON input/.test(msg)) {
    const at = lineColumnAt(text, end);
    return errorAt(
      fileName,
      `the file ends before its JSON is complete (truncated at ` +
        `byte ${Buffer.byteLength(text.slice(0, end))}, line ${at.line}); ` +
        `nothing was read`,
      { ...at, expected: `the rest of ${expected}` },
    );
  }
  return errorAt(fileName, `invalid JSON: ${msg}`, { ...lineColumnAt(text, pos), expected });
}
