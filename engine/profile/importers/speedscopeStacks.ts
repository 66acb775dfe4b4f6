/**
 * A sampled profile's stacks (`samples: [[0,1,2],[0,1,3],…]`), read digit by digit into a trie of
 * raw frame indices: consecutive samples share their prefix, so only the new tail of each stack is
 * looked up in the trie (`speedscopeLists.ts`), and a sample costs one Int32 (its trie node).
 * This is the scanner's hot loop; the brackets around each stack are left to the JSON grammar.
 */
import { GrowInts, type RawTrie } from './speedscopeLists';

/** Raw frame indices at or past this are not indices (no file holds 2^26 frames); see `RawTrie`. */
export const MAX_RAW_INDEX = 1 << 26;

/** Why `StackReader.run` stopped before the end of its chunk. */
export const enum StackStop {
  /** The chunk ended (the digits read so far are carried into the next). */
  ChunkEnd,
  /** A byte after a ',' that starts no plain index: a value is expected there (the grammar's). */
  ValueExpected,
  /** The stack's ']' after an index: the index is in, the grammar closes the stack. */
  Closed,
  /** A digit run that goes on as a fraction, an exponent or junk: the number reader finishes it. */
  NotPlain,
}

export class StackReader {
  stop = StackStop.ChunkEnd;
  /** The digits of the index being read (carried across chunks), and how many. */
  num = 0;
  digits = 0;
  private trie: RawTrie | undefined;
  private depth = 0;
  private diverged = false;
  private node = -1;
  // The previous stack of the same list: its raw entries and their trie nodes.
  private readonly prevRaw = new GrowInts();
  private readonly prevNode = new GrowInts();
  private prevLength = 0;

  /** A new `samples` list: no stack to share a prefix with. */
  newList(): void {
    this.prevLength = 0;
  }

  /** A stack's '[' in a list whose trie is `trie`. */
  beginStack(trie: RawTrie): void {
    this.trie = trie;
    this.depth = 0;
    this.diverged = false;
    this.node = -1;
  }

  /** The stack's ']': its trie node, or -1 for an empty stack. */
  endStack(): number {
    this.prevLength = this.depth;
    return this.depth === 0 ? -1 : this.node;
  }

  /** A plain index starts (its first digit is read by `run`). */
  beginIndex(): void {
    this.num = 0;
    this.digits = 0;
  }

  /**
   * Plain non-negative integers separated by ',' up to the stack's ']'; anything else (a sign, a
   * fraction, whitespace, a string) stops the run, and `stop` says why.
   */
  run(chunk: Uint8Array, start: number): number {
    const n = chunk.length;
    let num = this.num;
    let digits = this.digits;
    let i = start;
    for (; i < n; i++) {
      const c = chunk[i];
      const d = c - 0x30;
      if (d >>> 0 <= 9) {
        num = num * 10 + d;
        digits++;
      } else if (c === 0x2c && digits > 0) {
        this.item(num < MAX_RAW_INDEX ? num : -1);
        num = 0;
        digits = 0;
      } else break;
    }
    if (i === n) {
      this.num = num;
      this.digits = digits;
      this.stop = StackStop.ChunkEnd;
      return i;
    }
    this.num = 0;
    this.digits = 0;
    if (digits === 0) this.stop = StackStop.ValueExpected;
    else if (chunk[i] === 0x5d) {
      this.item(num < MAX_RAW_INDEX ? num : -1);
      this.stop = StackStop.Closed;
    } else {
      this.num = num;
      this.digits = digits;
      this.stop = StackStop.NotPlain;
    }
    return i;
  }

  /** One stack entry: a raw frame index, or -1 for an entry that cannot be one. */
  item(raw: number): void {
    const k = this.depth++;
    const prevRaw = this.prevRaw;
    let node: number;
    if (!this.diverged && k < this.prevLength && prevRaw.data[k] === raw) {
      node = this.prevNode.data[k];
    } else {
      this.diverged = true;
      node = this.trie!.child(this.node, raw);
      prevRaw.set(k, raw);
      this.prevNode.set(k, node);
    }
    this.node = node;
  }
}
