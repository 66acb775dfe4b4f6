/**
 * Line and column of a byte in a file read in chunks, so a JSON scanner that works on bytes can
 * place its problems where an editor shows them. Each chunk's line feeds are counted once, with
 * `indexOf` (memchr speed for a Buffer; a profile is usually a single line, so it is one pass
 * that finds nothing), and only as far as the furthest byte asked about until the chunk ends.
 * Columns count bytes (as `jsonScanPosition.ts` does): they match characters for ASCII text.
 */

/** Where a line starts: its 1-based number and the file offset of its first byte. */
export interface LinePlace {
  readonly line: number;
  readonly lineStart: number;
}

/** 1-based line and column of a byte. */
export interface LineColumn {
  readonly line: number;
  readonly column: number;
}

const LF = 0x0a;
const EMPTY = new Uint8Array(0);

/**
 * The place after the line feeds of `bytes[from, to)`, starting from `place`; `bytes[0]` is at
 * file offset `base`.
 */
export function placeThrough(
  place: LinePlace,
  bytes: Uint8Array,
  base: number,
  from: number,
  to: number,
): LinePlace {
  let { line, lineStart } = place;
  const span = to === bytes.length ? bytes : bytes.subarray(0, to);
  for (let at = span.indexOf(LF, from); at !== -1; at = span.indexOf(LF, at + 1)) {
    line++;
    lineStart = base + at + 1;
  }
  return { line, lineStart };
}

/** Line and column of the byte at file offset `offset`, on the line `place` starts. */
export function lineColumnOf(place: LinePlace, offset: number): LineColumn {
  return { line: place.line, column: offset - place.lineStart + 1 };
}

export class LineCursor {
  /** The place at the first byte of the current chunk. */
  private chunkPlace: LinePlace = { line: 1, lineStart: 0 };
  /** The place at byte `counted` of the current chunk. */
  private place: LinePlace = this.chunkPlace;
  private counted = 0;
  private chunk: Uint8Array = EMPTY;
  private chunkOffset = 0;

  /** `chunk` is read next; it starts at file offset `offset`. */
  startChunk(chunk: Uint8Array, offset: number): void {
    this.chunk = chunk;
    this.chunkOffset = offset;
    this.counted = 0;
    this.place = this.chunkPlace;
  }

  /** The current chunk is read: count its line feeds and let go of it (its buffer may be reused). */
  endChunk(): void {
    this.chunkPlace = this.placeAt(this.chunk.length);
    this.place = this.chunkPlace;
    this.chunk = EMPTY;
    this.counted = 0;
  }

  /** The place just after every chunk read so far (where a truncated file ends). */
  afterLastChunk(): LinePlace {
    return this.chunkPlace;
  }

  /** The place (line start) of byte `i` of the current chunk. */
  placeAt(i: number): LinePlace {
    if (i < this.counted) {
      // Behind what was counted (not met in a forward scan): count from the chunk's start.
      this.place = this.chunkPlace;
      this.counted = 0;
    }
    this.place = placeThrough(this.place, this.chunk, this.chunkOffset, this.counted, i);
    this.counted = i;
    return this.place;
  }

  /** Line and column of byte `i` of the current chunk. */
  at(i: number): LineColumn {
    return lineColumnOf(this.placeAt(i), this.chunkOffset + i);
  }
}
