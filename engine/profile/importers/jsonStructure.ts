/**
 * The grammar of JSON objects and arrays, one byte at a time: a stack of open levels, each with
 * where it is in its own grammar (a key, ':', a value, ',' or the closing bracket) and the key
 * its value belongs to. A scanner extends it and says what each value is for (`startValue`): the
 * grammar stays here, what a format reads stays in its scanner.
 */
import { isWs, type ScanPosition } from './jsonScanPosition';

/** Where a level (object or array) is in its own grammar. */
export const enum St {
  /** Object: a key or `}`; array: a value or `]` (nothing read yet). */
  First,
  /** After `,`: a key (object) or a value (array). */
  Next,
  Key,
  Colon,
  Value,
  /** After a value: `,` or the closing bracket. */
  After,
}

/** One open object or array; `K` is what the scanner knows it to be. */
export interface Level<K> {
  kind: K;
  isObject: boolean;
  state: St;
  /** The key of the value being read (objects). */
  key: string;
}

/** Keys this long or longer are none a scanner reads (they are kept short). */
const MAX_KEY_BYTES = 64;
const decoder = new TextDecoder('utf-8');

export abstract class JsonStructure<K> {
  protected readonly levels: Level<K>[] = [];
  /** The root's closing bracket was read. */
  protected rootClosed = false;
  private rootSeen = false;
  private keyBytes: number[] = [];
  private keyEscaped = false;

  constructor(
    protected readonly pos: ScanPosition,
    private readonly rootKind: K,
    /** What the file must start with, for a message (`'{' starting a speedscope file`). */
    private readonly rootExpected: string,
  ) {}

  /** A value starts at byte `c` (index `i`) in level `top`; returns the index to read on from. */
  protected abstract startValue(top: Level<K>, c: number, i: number): number;

  /** Level `level` was closed by its bracket. */
  protected abstract closed(level: Level<K>): void;

  /** One byte of structure (outside any value the scanner reads by itself). */
  protected structure(chunk: Uint8Array, i: number): number {
    const c = chunk[i];
    if (c === 0x0a) {
      this.pos.newline(i);
      return i + 1;
    }
    if (this.rootClosed) {
      if (!isWs(c)) this.pos.fail(i, c, 'nothing after the closing }');
      return i + 1;
    }
    const top = this.levels[this.levels.length - 1];
    if (top === undefined) return this.rootStart(c, i);
    if (top.state === St.Key) return this.keyByte(top, c, i);
    if (isWs(c)) return i + 1;
    switch (top.state) {
      case St.First:
      case St.Next:
        if (top.isObject) {
          if (c === 0x22) {
            top.state = St.Key;
            this.keyBytes = [];
            this.keyEscaped = false;
          } else if (c === 0x7d && top.state === St.First) this.close();
          else this.pos.fail(i, c, top.state === St.First ? 'a quoted key or }' : 'a quoted key');
          return i + 1;
        }
        if (c === 0x5d && top.state === St.First) {
          this.close();
          return i + 1;
        }
        return this.value(top, c, i);
      case St.Colon:
        if (c === 0x3a) top.state = St.Value;
        else this.pos.fail(i, c, "':' after a key");
        return i + 1;
      case St.Value:
        return this.value(top, c, i);
      default:
        if (c === 0x2c) top.state = St.Next;
        else if (c === (top.isObject ? 0x7d : 0x5d)) this.close();
        else this.pos.fail(i, c, top.isObject ? "',' or '}'" : "',' or ']'");
        return i + 1;
    }
  }

  /** The value at byte `i` is an object or array of kind `kind`: its level opens. */
  protected enter(kind: K, isObject: boolean, i: number): number {
    this.levels[this.levels.length - 1].state = St.After;
    this.open(kind, isObject);
    return i + 1;
  }

  private rootStart(c: number, i: number): number {
    if (isWs(c)) return i + 1;
    if (c !== 0x7b || this.rootSeen) {
      this.pos.fail(i, c, this.rootExpected);
      return i + 1;
    }
    this.rootSeen = true;
    this.open(this.rootKind, true);
    return i + 1;
  }

  private keyByte(top: Level<K>, c: number, i: number): number {
    if (this.keyEscaped) this.keyEscaped = false;
    else if (c === 0x5c) this.keyEscaped = true;
    else if (c === 0x22) {
      top.key = this.keyText();
      top.state = St.Colon;
      return i + 1;
    }
    if (this.keyBytes.length < MAX_KEY_BYTES) this.keyBytes.push(c);
    return i + 1;
  }

  /** The key as `JSON.parse` reads it (escapes decoded); long keys are none we read. */
  private keyText(): string {
    const bytes = this.keyBytes;
    if (bytes.length >= MAX_KEY_BYTES) return '';
    const raw = decoder.decode(new Uint8Array(bytes));
    if (!bytes.includes(0x5c)) return raw;
    try {
      return String(JSON.parse(`"${raw}"`));
    } catch {
      return '';
    }
  }

  private open(kind: K, isObject: boolean): void {
    this.levels.push({ kind, isObject, state: St.First, key: '' });
  }

  /** The closing bracket of the top level. */
  private close(): void {
    const done = this.levels.pop()!;
    this.closed(done);
    const parent = this.levels[this.levels.length - 1];
    if (parent) parent.state = St.After;
    else this.rootClosed = true;
  }

  /** Byte `c` must start a value. */
  private value(top: Level<K>, c: number, i: number): number {
    if (c === 0x2c || c === 0x5d || c === 0x7d || c === 0x3a) {
      this.pos.fail(i, c, 'a value');
      return i + 1;
    }
    return this.startValue(top, c, i);
  }
}
