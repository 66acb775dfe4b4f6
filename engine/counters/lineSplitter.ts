/**
 * Bytes → lines, incrementally, with the byte offset where complete lines end.
 *
 * The offset is what makes a growing log resumable: a reader stores `committedOffset` (the byte
 * just after the last `\n` handed out) and, when the file grows, starts reading there again.
 * Decoding is UTF-8 with replacement (invalid bytes become U+FFFD, never an exception); the scanner
 * flags dumps that contain U+FFFD. A line longer than `maxLineBytes` is cut (a missing newline in
 * a binary blob must not hold the whole file in memory) and reported through `onLongLine`.
 */

export interface LineSplitterOptions {
  readonly onLine: (line: string, lineNo: number) => void;
  /** Lines longer than this are truncated to it (default 8 MiB). */
  readonly maxLineBytes?: number;
  readonly onLongLine?: (lineNo: number, bytes: number) => void;
  /** Line number of the first line pushed (resume), default 1. */
  readonly firstLineNo?: number;
}

export interface LineSplitter {
  push(chunk: Uint8Array): void;
  /** Hands out the last line if it has no newline (end of a finished file). */
  end(): void;
  /** Bytes consumed up to and including the last complete line's `\n`. */
  readonly committedOffset: number;
  /** The next line number to be handed out. */
  readonly nextLineNo: number;
}

export function createLineSplitter(opts: LineSplitterOptions): LineSplitter {
  const max = opts.maxLineBytes ?? 8 * 1024 * 1024;
  const decoder = new TextDecoder('utf-8', { fatal: false });
  let carry: Uint8Array[] = [];
  let carryLen = 0;
  let committed = 0;
  let lineNo = opts.firstLineNo ?? 1;
  let overlong = false;
  /** Bytes of the current, incomplete line (including any dropped because it was too long). */
  let pending = 0;

  function emitText(text: string): void {
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      opts.onLine(text.slice(start, nl), lineNo++);
      start = nl + 1;
    }
  }

  /** A chunk without a newline: all of it belongs to the current line (kept up to `max`). */
  function holdPartialLine(chunk: Uint8Array): void {
    pending += chunk.length;
    if (carryLen + chunk.length > max) {
      if (!overlong) opts.onLongLine?.(lineNo, carryLen + chunk.length);
      overlong = true; // keep what we have, drop the rest of this line
    } else {
      carry.push(copy(chunk)); // the caller may reuse its buffer
      carryLen += chunk.length;
    }
  }

  /** `head` ends with a newline: the carried start of its first line joined on, decoded. */
  function decodeCompleteLines(head: Uint8Array): string {
    if (carryLen === 0) return decoder.decode(head);
    const firstNl = head.indexOf(10);
    const joined = joinBytes(carry, carryLen, head.subarray(0, firstNl + 1));
    return decoder.decode(joined) + decoder.decode(head.subarray(firstNl + 1));
  }

  function clearCarry(): void {
    pending = 0;
    carry = [];
    carryLen = 0;
  }

  return {
    get committedOffset() {
      return committed;
    },
    get nextLineNo() {
      return lineNo;
    },
    push(chunk: Uint8Array): void {
      const last = chunk.lastIndexOf(10);
      if (last === -1) {
        holdPartialLine(chunk);
        return;
      }
      const head = chunk.subarray(0, last + 1);
      const text = decodeCompleteLines(head);
      committed += pending + head.length;
      clearCarry();
      overlong = false;
      emitText(text);
      if (last + 1 < chunk.length) {
        // The start of the next line, until a later chunk brings its newline.
        const tail = copy(chunk.subarray(last + 1));
        carry.push(tail);
        carryLen = tail.length;
        pending = tail.length;
      }
    },
    end(): void {
      if (carryLen === 0) return;
      opts.onLine(decoder.decode(joinBytes(carry, carryLen)), lineNo++);
      committed += pending;
      clearCarry();
    },
  };
}

/** `parts` (of `length` bytes in all) and then `extra`, as one array. */
function joinBytes(parts: readonly Uint8Array[], length: number, extra?: Uint8Array): Uint8Array {
  const joined = new Uint8Array(length + (extra?.length ?? 0));
  let o = 0;
  for (const c of parts) {
    joined.set(c, o);
    o += c.length;
  }
  if (extra) joined.set(extra, o);
  return joined;
}

/** A real copy: `Buffer#slice` (a Uint8Array subclass) returns a view, not a copy. */
function copy(b: Uint8Array): Uint8Array {
  const out = new Uint8Array(b.length);
  out.set(b);
  return out;
}
