/**
 * A JSON value the scanner does not read byte by byte: skipped (only its extent is found, its
 * contents are not checked in detail), or captured and given to `JSON.parse` whole (a profile's
 * small fields). A bare number or literal is checked either way, since nothing else would.
 */
import { BytePieces } from './bytePieces';
import { isWs, type ScanPosition } from './jsonScanPosition';
import { skipStringBytes, type JsonStringState } from './jsonStrings';

/** A JSON number or literal; longer than MAX_SCALAR characters is none a file holds. */
const SCALAR = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)$/;
const MAX_SCALAR = 1000;
const decoder = new TextDecoder('utf-8');

export class JsonValueSkipper implements JsonStringState {
  /** Set by `run` when the value ended before the index it returned. */
  ended = false;
  /** The captured value, once `ended` (when capturing). */
  captured: unknown;
  private capture = false;
  private key = '';
  private depth = 0;
  inString = false;
  escape = false;
  private scalar = false;
  private scalarText = '';
  private readonly pieces = new BytePieces();

  constructor(private readonly pos: ScanPosition) {}

  /** True while the value's bytes are being kept (to keep the rest of a chunk). */
  get capturing(): boolean {
    return this.capture;
  }

  /**
   * A value starts at byte `i` (`c`) of the current chunk; `captureAs` is the key it is captured
   * for, undefined to skip it.
   */
  begin(c: number, i: number, captureAs: string | undefined): void {
    this.ended = false;
    this.captured = undefined;
    this.capture = captureAs !== undefined;
    this.key = captureAs ?? '';
    this.depth = 0;
    this.inString = false;
    this.escape = false;
    this.scalar = !(c === 0x22 || c === 0x7b || c === 0x5b);
    this.scalarText = '';
    this.pieces.begin(i, this.pos.offset + i);
  }

  /** The chunk ends inside the value. */
  chunkEnds(chunk: Uint8Array): void {
    if (this.capture) this.pieces.keepRest(chunk);
  }

  run(chunk: Uint8Array, start: number): number {
    const n = chunk.length;
    let i = start;
    for (; i < n; i++) {
      if (this.inString) {
        i = skipStringBytes(chunk, i, this);
        if (!this.inString && this.depth === 0) return this.end(chunk, i);
        i--; // the loop's i++ moves on from where the string scan stopped
        continue;
      }
      const c = chunk[i];
      if (this.scalar) {
        if (c === 0x2c || c === 0x7d || c === 0x5d || isWs(c)) return this.endScalar(chunk, i);
        if (this.scalarText.length > MAX_SCALAR) {
          this.pos.fail(i, c, 'a number, true, false or null');
          return i + 1;
        }
        this.scalarText += String.fromCharCode(c);
        continue;
      }
      if (c === 0x22) this.inString = true;
      else if (c === 0x7b || c === 0x5b) this.depth++;
      else if (c === 0x7d || c === 0x5d) {
        if (--this.depth === 0) return this.end(chunk, i + 1);
      } else if (c === 0x0a) this.pos.newline(i);
    }
    return i;
  }

  /** A number or literal ends before byte `end`: it must be one (it is not read otherwise). */
  private endScalar(chunk: Uint8Array, end: number): number {
    if (!SCALAR.test(this.scalarText)) {
      this.pos.fail(end, chunk[end], 'a number, true, false or null');
      return end;
    }
    return this.end(chunk, end);
  }

  /** The value ends before byte `end`. */
  private end(chunk: Uint8Array, end: number): number {
    this.ended = true;
    if (!this.capture) return end;
    this.pieces.keepUntil(chunk, end);
    const startOffset = this.pieces.startOffset;
    const text = decoder.decode(this.pieces.take());
    try {
      this.captured = JSON.parse(text);
    } catch (e) {
      this.pos.failAt(
        startOffset,
        `invalid JSON in '${this.key}': ${(e as Error).message}`,
        'a JSON value',
      );
    }
    return end;
  }
}
