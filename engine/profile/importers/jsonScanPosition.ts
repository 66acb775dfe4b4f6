/**
 * Where a byte-by-byte JSON scanner is (byte offset, line, line start) and the first failure it
 * met, as a `ScanFailure` with byte, line and column; also the end of a file that stops before
 * its JSON is complete (a truncation), told from the last bytes kept.
 */

export interface ScanFailure {
  /** True when the input stopped before the JSON was complete (or broke on its last character). */
  readonly truncated: boolean;
  readonly message: string;
  readonly offset: number;
  readonly line: number;
  readonly column?: number;
  readonly expected: string;
}

/** Bytes kept from the end of the input, to find its last byte that is not whitespace. */
const TAIL_BYTES = 4096;

export const isWs = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/** A byte as a message names it. */
export function describeByte(byte: number | undefined): string {
  if (byte === undefined) return 'the end of the file';
  if (byte >= 0x20 && byte < 0x7f) return `'${String.fromCharCode(byte)}'`;
  return `byte 0x${byte.toString(16).padStart(2, '0')}`;
}

interface EndPlace {
  offset: number;
  line: number;
  column?: number;
}

export class ScanPosition {
  /** Bytes before the current chunk. */
  offset = 0;
  line = 1;
  private lineStart = 0;
  /** The first failure; later ones are not kept. */
  failure: ScanFailure | undefined;
  private readonly tail = new Uint8Array(TAIL_BYTES);
  private tailLength = 0;

  /** Byte `i` of the current chunk is a line feed. */
  newline(i: number): void {
    this.line++;
    this.lineStart = this.offset + i + 1;
  }

  /** Counts the line feeds of the chunk from `start` on; returns the chunk's length. */
  countLines(chunk: Uint8Array, start: number): number {
    for (let at = chunk.indexOf(0x0a, start); at !== -1; at = chunk.indexOf(0x0a, at + 1))
      this.newline(at);
    return chunk.length;
  }

  /** Byte `i` of the current chunk (`found`) is not what the grammar expects there. */
  fail(i: number, found: number | undefined, expected: string): void {
    this.failAt(this.offset + i, `invalid JSON: found ${describeByte(found)}`, expected);
  }

  failAt(offset: number, message: string, expected: string): void {
    if (this.failure) return;
    const column = offset >= this.lineStart ? offset - this.lineStart + 1 : undefined;
    this.failure = {
      truncated: false,
      message,
      offset,
      line: this.line,
      ...(column !== undefined ? { column } : {}),
      expected,
    };
  }

  /** The current chunk is read: keep its last bytes and move past it. */
  chunkDone(chunk: Uint8Array): void {
    const n = chunk.length;
    if (n >= TAIL_BYTES) {
      this.tail.set(chunk.subarray(n - TAIL_BYTES));
      this.tailLength = TAIL_BYTES;
    } else {
      const keep = Math.min(this.tailLength, TAIL_BYTES - n);
      this.tail.copyWithin(0, this.tailLength - keep, this.tailLength);
      this.tail.set(chunk, keep);
      this.tailLength = keep + n;
    }
    this.offset += n;
  }

  /**
   * The failure to report once the input has ended while the JSON is not complete: the failure
   * met, unless it is on the last byte that is not whitespace (the input was cut there), else a
   * truncation.
   */
  failureAtEnd(expected: string): ScanFailure {
    const end = this.trimmedEnd();
    if (this.failure && this.failure.offset < end.offset - 1) return this.failure;
    return {
      truncated: true,
      message:
        `the file ends before its JSON is complete (truncated at byte ${end.offset}, ` +
        `line ${end.line}); nothing was read`,
      offset: end.offset,
      line: end.line,
      ...(end.column !== undefined ? { column: end.column } : {}),
      expected,
    };
  }

  /** Offset, line and column just after the last byte that is not whitespace. */
  private trimmedEnd(): EndPlace {
    const total = this.offset;
    let k = this.tailLength;
    let line = this.line;
    while (k > 0 && isWs(this.tail[k - 1])) {
      if (this.tail[k - 1] === 0x0a) line--;
      k--;
    }
    const offset = total - (this.tailLength - k);
    if (line === this.line) return { offset, line, column: offset - this.lineStart + 1 };
    const nl = this.tail.lastIndexOf(0x0a, k - 1);
    if (nl === -1 || k === 0) return { offset, line };
    return { offset, line, column: k - nl };
  }
}
