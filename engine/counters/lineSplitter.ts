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
        pending += chunk.length;
        if (carryLen + chunk.length > max) {
          if (!overlong) opts.onLongLine?.(lineNo, carryLen + chunk.length);
          overlong = true; // keep what we have, drop the rest of this line
        } else {
          carry.push(copy(chunk)); // the caller may reuse its buffer
          carryLen += chunk.length;
        }
        return;
      }
      const head = chunk.subarray(0, last + 1);
      let text: string;
      if (carryLen > 0) {
        const firstNl = head.indexOf(10);
        const firstPart = head.subarray(0, firstNl + 1);
        const joined = new Uint8Array(carryLen + firstPart.length);
        let o = 0;
        for (const c of carry) {
          joined.set(c, o);
          o += c.length;
        }
        joined.set(firstPart, o);
        text = decoder.decode(joined) + decoder.decode(head.subarray(firstNl + 1));
      } else {
        text = decoder.decode(head);
      }
      committed += pending + head.length;
      pending = 0;
      carry = [];
      carryLen = 0;
      overlong = false;
      emitText(text);
      if (last + 1 < chunk.length) {
        const tail = copy(chunk.subarray(last + 1));
        carry.push(tail);
        carryLen = tail.length;
        pending = tail.length;
      }
    },
    end(): void {
      if (carryLen > 0) {
        const joined = new Uint8Array(carryLen);
        let o = 0;
        for (const c of carry) {
          joined.set(c, o);
          o += c.length;
        }
        opts.onLine(decoder.decode(joined), lineNo++);
        committed += pending;
        pending = 0;
        carry = [];
        carryLen = 0;
      }
    },
  };
}

/** A real copy: `Buffer#slice` (a Uint8Array subclass) returns a view, not a copy. */
function copy(b: Uint8Array): Uint8Array {
  const out = new Uint8Array(b.length);
  out.set(b);
  return out;
}
