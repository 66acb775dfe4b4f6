/**
 * A JSON array whose elements are small objects (speedscope's `shared.frames`, an evented
 * profile's `events`): its bytes are cut at element boundaries into batches of about 8 MB, and
 * each batch goes to `JSON.parse` as an array of its own, so no string of the whole array is made
 * and `JSON.parse` does the detailed reading at its own speed.
 */
import { BytePieces } from './bytePieces';
import type { ScanPosition } from './jsonScanPosition';
import { skipStringBytes, type JsonStringState } from './jsonStrings';

const BATCH_BYTES = 8 * 1024 * 1024;
const decoder = new TextDecoder('utf-8');

export class JsonArrayBatches implements JsonStringState {
  /** Set by `run` when the array's ']' was read (before the index it returned). */
  ended = false;
  private name = '';
  private itemsAre = '';
  private onItems: (items: unknown[]) => void = () => {};
  private depth = 0;
  inString = false;
  escape = false;
  private readonly pieces = new BytePieces();

  constructor(private readonly pos: ScanPosition) {}

  /**
   * The array `name` opens at byte `i` of the current chunk; each batch of its elements goes to
   * `onItems`. `itemsAre` names them for a message (`frame objects`).
   */
  begin(name: string, itemsAre: string, onItems: (items: unknown[]) => void, i: number): void {
    this.ended = false;
    this.name = name;
    this.itemsAre = itemsAre;
    this.onItems = onItems;
    this.depth = 0;
    this.inString = false;
    this.escape = false;
    this.pieces.begin(i + 1, this.pos.offset + i + 1);
  }

  /** The chunk ends inside the array. */
  chunkEnds(chunk: Uint8Array): void {
    this.pieces.keepRest(chunk);
  }

  run(chunk: Uint8Array, start: number): number {
    const n = chunk.length;
    let i = start;
    for (; i < n; i++) {
      if (this.inString) {
        i = skipStringBytes(chunk, i, this) - 1; // the loop's i++ moves past the quote
        continue;
      }
      const c = chunk[i];
      if (c === 0x22) this.inString = true;
      else if (c === 0x7b || c === 0x5b) this.depth++;
      else if (c === 0x7d || c === 0x5d) {
        if (this.depth === 0) {
          if (c === 0x7d) {
            this.pos.fail(i, c, "a value or ']'");
            return i + 1;
          }
          this.pieces.keepUntil(chunk, i);
          this.flush();
          this.ended = true;
          return i + 1;
        }
        if (--this.depth === 0 && this.pieces.bytes + (i + 1 - this.pieces.from) >= BATCH_BYTES) {
          this.pieces.keepUntil(chunk, i + 1);
          this.flush();
          if (this.pos.failure) return i + 1;
          this.pieces.begin(i + 1, this.pos.offset + i + 1);
        }
      } else if (c === 0x0a) this.pos.newline(i);
    }
    return i;
  }

  private flush(): void {
    const startOffset = this.pieces.startOffset;
    let text = decoder.decode(this.pieces.take());
    // A batch after the first starts with the ',' that separates it from the previous one.
    const first = text.search(/\S/);
    if (first < 0) return;
    if (text.charCodeAt(first) === 0x2c) text = text.slice(first + 1);
    let items: unknown[];
    try {
      items = JSON.parse(`[${text}]`) as unknown[];
    } catch (e) {
      this.pos.failAt(
        startOffset,
        `invalid JSON inside '${this.name}': ${(e as Error).message}`,
        `a JSON array of ${this.itemsAre}`,
      );
      return;
    }
    this.onItems(items);
  }
}
