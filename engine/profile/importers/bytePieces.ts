/**
 * The bytes of one value that spans chunks, kept as copies of each chunk's part until the value
 * ends, then joined once: how the JSON scanners hand a small part of a big file to `JSON.parse`.
 */
export class BytePieces {
  private pieces: Uint8Array[] = [];
  /** Bytes kept so far. */
  bytes = 0;
  /** Where, in the current chunk, the bytes not yet kept start. */
  from = 0;
  /** Offset in the file of the first byte kept (for a message about the value). */
  startOffset = 0;

  /** Starts a value at byte `from` of the current chunk, `startOffset` in the file. */
  begin(from: number, startOffset: number): void {
    this.pieces = [];
    this.bytes = 0;
    this.from = from;
    this.startOffset = startOffset;
  }

  /** Keeps the current chunk's bytes from `from` up to (not including) `to`. */
  keepUntil(chunk: Uint8Array, to: number): void {
    if (to <= this.from) return;
    // A real copy (`Buffer#slice` is a view into the caller's buffer, which it reuses).
    this.pieces.push(Uint8Array.prototype.slice.call(chunk, this.from, to));
    this.bytes += to - this.from;
  }

  /** The chunk ends inside the value: keep the rest of it; the next chunk starts at 0. */
  keepRest(chunk: Uint8Array): void {
    this.keepUntil(chunk, chunk.length);
    this.from = 0;
  }

  /** The bytes kept, joined; the pieces are emptied. */
  take(): Uint8Array {
    const pieces = this.pieces;
    this.pieces = [];
    const total = this.bytes;
    this.bytes = 0;
    return joinBytes(pieces, total);
  }
}

/** `pieces` as one array: the piece itself when there is one, else one copy of them all. */
export function joinBytes(
  pieces: readonly Uint8Array[],
  total = pieces.reduce((sum, p) => sum + p.length, 0),
): Uint8Array {
  if (pieces.length === 1) return pieces[0];
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of pieces) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
