/**
 * The inside of a JSON string, for scanners that only need to know where it ends (a value they
 * skip, an array they hand to `JSON.parse`): a backslash escapes the next byte, a quote ends it.
 * The state is carried across chunks by the caller.
 */
export interface JsonStringState {
  inString: boolean;
  /** The last byte read inside the string was an unescaped backslash. */
  escape: boolean;
}

/**
 * From byte `i` of `chunk`, inside a string: the index just past its closing quote (with
 * `inString` false), or the chunk's length when it ends first.
 */
export function skipStringBytes(chunk: Uint8Array, i: number, s: JsonStringState): number {
  const n = chunk.length;
  let escape = s.escape;
  for (; i < n; i++) {
    const c = chunk[i];
    if (escape) escape = false;
    else if (c === 0x5c) escape = true;
    else if (c === 0x22) {
      s.escape = false;
      s.inString = false;
      return i + 1;
    }
  }
  s.escape = escape;
  return n;
}
