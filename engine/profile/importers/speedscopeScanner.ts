/**
 * A streaming scanner for speedscope's file format (https://www.speedscope.app/file-format-schema.json,
 * speedscope 1.x), so a file of hundreds of MB is read in one pass over its bytes, in chunks of any
 * size, without a string of the whole file and without a JS array per sample.
 *
 * Why not `JSON.parse`: a sampled profile lists every sample's whole stack (`[[0,1,2],[0,1,3],…]`);
 * parsed, each becomes a JS array, and a 114 MB file took 9× its size in memory and 2.8× the time
 * of `JSON.parse` alone. No maintained streaming JSON library keeps up with `JSON.parse` (they
 * make a token or a value object per number), so this scanner is hand-written for this one shape:
 * the stacks go digit by digit into a trie of raw frame indices (consecutive samples share their
 * prefix, so only the new tail is looked up), weights into a Float64 list, and the small parts
 * (`shared.frames`, events, a profile's `type`/`name`/`unit`/`startValue`/`endValue`) go to
 * `JSON.parse` in batches cut at element boundaries. What the importer then builds is exactly
 * what it built from `JSON.parse`'s objects (a duplicated key: the last one wins, as there).
 *
 * Values the importer never reads (`$schema`, `exporter`, unknown keys) are skipped without being
 * checked in detail; any other break in the JSON stops the scan with the byte, line and column.
 */
import { GrowFloats, GrowInts, RawTrie } from './speedscopeLists';

/** One profile of `profiles`, as far as the importer reads it. */
export interface RawSsProfile {
  /** `type`, `name`, `unit`, `startValue`, `endValue` as `JSON.parse` gives them. */
  readonly fields: Record<string, unknown>;
  /**
   * Sampled stacks: a trie over raw frame indices (-1: an entry that is no index), and per sample
   * its trie node (-1: empty stack, -2: not an array); undefined when `samples` is not an array.
   */
  samples?: { trie: RawTrie; sampleNode: GrowInts };
  /** `weights` (NaN for an entry that is not a number); undefined when absent or not an array. */
  weights?: GrowFloats;
  /**
   * Evented: per event its kind (0: no finite `at`, 1: `O`, 2: `C`, 3: other), `at`, and `frame`
   * (NaN when not a number); undefined when `events` is not an array.
   */
  events?: { kind: GrowInts; at: GrowFloats; frame: GrowFloats };
}

export interface RawSpeedscope {
  /** `shared.frames` when it is an array. */
  readonly frames: unknown[];
  /** `profiles`, or undefined when the root has no `profiles` array. */
  readonly profiles: RawSsProfile[] | undefined;
}

export interface ScanFailure {
  /** True when the input stopped before the JSON was complete (or broke on its last character). */
  readonly truncated: boolean;
  readonly message: string;
  readonly offset: number;
  readonly line: number;
  readonly column?: number;
  readonly expected: string;
}

const enum Kind {
  Root,
  Shared,
  Profiles,
  Profile,
  Samples,
  Stack,
  Weights,
}

/** Where a level (object or array) is in its own grammar. */
const enum St {
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

const enum Mode {
  Structure,
  Stack,
  Number,
  Skip,
  Collect,
  Done,
  Failed,
}

interface Level {
  kind: Kind;
  isObject: boolean;
  state: St;
  key: string;
}

/** Raw frame indices at or past this are not indices (no file holds 2^26 frames); see `RawTrie`. */
const MAX_RAW_INDEX = 1 << 26;
const BATCH_BYTES = 8 * 1024 * 1024;
const TAIL_BYTES = 4096;
const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);
/** A JSON number or literal; longer than MAX_SCALAR characters is none a file holds. */
const SCALAR = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)$/;
const MAX_SCALAR = 1000;
const SCALAR_FIELDS = new Set(['type', 'name', 'unit', 'startValue', 'endValue']);
const decoder = new TextDecoder('utf-8');

function describe(byte: number | undefined): string {
  if (byte === undefined) return 'the end of the file';
  if (byte >= 0x20 && byte < 0x7f) return `'${String.fromCharCode(byte)}'`;
  return `byte 0x${byte.toString(16).padStart(2, '0')}`;
}

const isWs = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

export class SpeedscopeScanner {
  private mode = Mode.Structure;
  private readonly levels: Level[] = [];
  private offset = 0;
  private line = 1;
  private lineStart = 0;
  private bom = true;
  private rootSeen = false;
  private failure: ScanFailure | undefined;
  private readonly tail = new Uint8Array(TAIL_BYTES);
  private tailLength = 0;
  // what was read
  private frames: unknown[] = [];
  private profiles: RawSsProfile[] | undefined;
  private profile: RawSsProfile | undefined;
  // key being read
  private keyBytes: number[] = [];
  private keyEscaped = false;
  // number (Number mode, and a digit run the stack loop carries across chunks)
  private num = 0;
  private digits = 0;
  private fracDigits = -1;
  private neg = false;
  private numText: string | undefined;
  private numStart = 0;
  // stack (trie walk of the current sample)
  private depth = 0;
  private diverged = false;
  private node = -1;
  private readonly prevRaw = new GrowInts();
  private readonly prevNode = new GrowInts();
  private prevLength = 0;
  private trie: RawTrie | undefined;
  // skip / capture / collect
  private skipDepth = 0;
  private inString = false;
  private escape = false;
  private scalar = false;
  private scalarText = '';
  private capture = false;
  private pieces: Uint8Array[] = [];
  private pieceBytes = 0;
  private piecesStart = 0;
  private collectInto: 'frames' | 'events' = 'frames';

  push(chunk: Uint8Array): void {
    let i = 0;
    const n = chunk.length;
    if (this.bom && n > 0) {
      this.bom = false;
      if (n >= 3 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) i = 3;
    }
    while (i < n) {
      switch (this.mode) {
        case Mode.Stack:
          i = this.stackRun(chunk, i);
          break;
        case Mode.Number:
          i = this.numberRun(chunk, i);
          break;
        case Mode.Skip:
          i = this.skipRun(chunk, i);
          break;
        case Mode.Collect:
          i = this.collectRun(chunk, i);
          break;
        case Mode.Failed:
          i = this.countLines(chunk, i);
          break;
        default:
          i = this.structure(chunk, i);
      }
    }
    if (this.mode === Mode.Skip && this.capture) this.keepPiece(chunk, this.segmentStart(), n);
    if (this.mode === Mode.Collect) this.keepPiece(chunk, this.segmentStart(), n);
    this.segStart = 0;
    this.keepTail(chunk);
    this.offset += n;
  }

  /** The result, or why there is none (nothing is read from broken JSON, as with `JSON.parse`). */
  end(): { raw: RawSpeedscope } | { failure: ScanFailure } {
    if (this.mode === Mode.Number) this.finishNumber(undefined);
    const trimmed = this.trimmedEnd();
    if (this.failure) {
      if (this.failure.offset < trimmed.offset - 1) return { failure: this.failure };
      return { failure: this.truncation(trimmed) };
    }
    if (this.mode !== Mode.Done) return { failure: this.truncation(trimmed) };
    return { raw: { frames: this.frames, profiles: this.profiles } };
  }

  // ---- structure: one byte at a time, outside the hot arrays -------------------------------

  private structure(chunk: Uint8Array, i: number): number {
    const c = chunk[i];
    if (c === 0x0a) {
      this.newline(i);
      return i + 1;
    }
    if (this.mode === Mode.Done) {
      if (!isWs(c)) this.fail(i, c, 'nothing after the closing }');
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
          else this.fail(i, c, top.state === St.First ? 'a quoted key or }' : 'a quoted key');
          return i + 1;
        }
        if (c === 0x5d && top.state === St.First) {
          this.close();
          return i + 1;
        }
        return this.value(top, c, i);
      case St.Colon:
        if (c === 0x3a) top.state = St.Value;
        else this.fail(i, c, "':' after a key");
        return i + 1;
      case St.Value:
        return this.value(top, c, i);
      default:
        if (c === 0x2c) top.state = St.Next;
        else if (c === (top.isObject ? 0x7d : 0x5d)) this.close();
        else this.fail(i, c, top.isObject ? "',' or '}'" : "',' or ']'");
        return i + 1;
    }
  }

  private rootStart(c: number, i: number): number {
    if (isWs(c)) return i + 1;
    if (c !== 0x7b || this.rootSeen) {
      this.fail(i, c, "'{' starting a speedscope file");
      return i + 1;
    }
    this.rootSeen = true;
    this.open(Kind.Root, true);
    return i + 1;
  }

  private keyByte(top: Level, c: number, i: number): number {
    if (this.keyEscaped) this.keyEscaped = false;
    else if (c === 0x5c) this.keyEscaped = true;
    else if (c === 0x22) {
      top.key = this.keyText();
      top.state = St.Colon;
      return i + 1;
    }
    if (this.keyBytes.length < 64) this.keyBytes.push(c);
    return i + 1;
  }

  /** The key as `JSON.parse` reads it (escapes decoded); long keys are none we read. */
  private keyText(): string {
    const bytes = this.keyBytes;
    if (bytes.length >= 64) return '';
    const raw = decoder.decode(new Uint8Array(bytes));
    if (!bytes.includes(0x5c)) return raw;
    try {
      return String(JSON.parse(`"${raw}"`));
    } catch {
      return '';
    }
  }

  private open(kind: Kind, isObject: boolean): void {
    this.levels.push({ kind, isObject, state: St.First, key: '' });
  }

  /** The closing bracket of the top level. */
  private close(): void {
    const done = this.levels.pop()!;
    if (done.kind === Kind.Stack) this.endStack();
    const parent = this.levels[this.levels.length - 1];
    if (parent) parent.state = St.After;
    else this.mode = Mode.Done;
  }

  /** Byte `c` must start a value. */
  private value(top: Level, c: number, i: number): number {
    if (c === 0x2c || c === 0x5d || c === 0x7d || c === 0x3a) {
      this.fail(i, c, 'a value');
      return i + 1;
    }
    return this.startValue(top, c, i);
  }

  /** A value starts at byte `c` in level `top`: route it by where it is. */
  private startValue(top: Level, c: number, i: number): number {
    const key = top.key;
    const isArray = c === 0x5b;
    switch (top.kind) {
      case Kind.Root:
        if (key === 'shared') {
          this.frames = [];
          if (c === 0x7b) return this.enter(Kind.Shared, true, i);
        } else if (key === 'profiles') {
          this.profiles = isArray ? [] : undefined;
          if (isArray) return this.enter(Kind.Profiles, false, i);
        }
        break;
      case Kind.Shared:
        if (key === 'frames') {
          this.frames = [];
          if (isArray) return this.startCollect('frames', i);
        }
        break;
      case Kind.Profiles: {
        const p: RawSsProfile = { fields: {} };
        this.profiles!.push(p);
        this.profile = p;
        if (c === 0x7b) return this.enter(Kind.Profile, true, i);
        break;
      }
      case Kind.Profile:
        return this.profileValue(key, c, i);
      case Kind.Samples:
        if (isArray) {
          this.startStack();
          return this.enter(Kind.Stack, false, i);
        }
        this.profile!.samples!.sampleNode.push(-2);
        break;
      case Kind.Stack:
      case Kind.Weights:
        if (c === 0x2d || (c >= 0x30 && c <= 0x39)) return this.startNumber(c, i);
        if (top.kind === Kind.Stack) this.stackItem(-1);
        else this.profile!.weights!.push(NaN);
        break;
      default:
        break;
    }
    return this.startSkip(c, i, false);
  }

  private profileValue(key: string, c: number, i: number): number {
    const p = this.profile!;
    const isArray = c === 0x5b;
    if (key === 'samples') {
      p.samples = isArray ? { trie: new RawTrie(), sampleNode: new GrowInts() } : undefined;
      this.prevLength = 0; // no stack to share a prefix with in a new list
      if (isArray) return this.enter(Kind.Samples, false, i);
    } else if (key === 'weights') {
      p.weights = isArray ? new GrowFloats() : undefined;
      if (isArray) return this.enter(Kind.Weights, false, i);
    } else if (key === 'events') {
      p.events = isArray
        ? { kind: new GrowInts(), at: new GrowFloats(), frame: new GrowFloats() }
        : undefined;
      if (isArray) return this.startCollect('events', i);
    } else if (SCALAR_FIELDS.has(key)) return this.startSkip(c, i, true);
    return this.startSkip(c, i, false);
  }

  private enter(kind: Kind, isObject: boolean, i: number): number {
    this.levels[this.levels.length - 1].state = St.After;
    this.open(kind, isObject);
    return i + 1;
  }

  // ---- stacks: the hot loop ----------------------------------------------------------------

  private startStack(): void {
    this.trie = this.profile!.samples!.trie;
    this.depth = 0;
    this.diverged = false;
    this.node = -1;
  }

  /**
   * Plain non-negative integers separated by ',' up to the stack's ']' (left to `structure`);
   * anything else (a sign, a fraction, whitespace, a string) goes back to the general path.
   */
  private stackRun(chunk: Uint8Array, start: number): number {
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
        this.stackItem(num < MAX_RAW_INDEX ? num : -1);
        num = 0;
        digits = 0;
      } else break;
    }
    if (i === n) {
      this.num = num;
      this.digits = digits;
      return i;
    }
    this.num = 0;
    this.digits = 0;
    const top = this.levels[this.levels.length - 1];
    this.mode = Mode.Structure;
    if (digits === 0) {
      top.state = St.Next;
      return i;
    }
    const c = chunk[i];
    if (c === 0x5d) {
      this.stackItem(num < MAX_RAW_INDEX ? num : -1);
      top.state = St.After;
      return i;
    }
    // A digit run that goes on as a fraction or exponent: finish it as a general number.
    this.mode = Mode.Number;
    this.num = num;
    this.digits = digits;
    this.fracDigits = -1;
    this.neg = false;
    this.numText = undefined;
    this.numStart = i;
    top.state = St.After;
    return i;
  }

  /** One stack entry: a raw frame index, or -1 for an entry that cannot be one. */
  private stackItem(raw: number): void {
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

  private endStack(): void {
    this.profile!.samples!.sampleNode.push(this.depth === 0 ? -1 : this.node);
    this.prevLength = this.depth;
  }

  // ---- numbers in stacks and weights -------------------------------------------------------

  private startNumber(c: number, i: number): number {
    this.levels[this.levels.length - 1].state = St.After;
    if (c !== 0x2d && this.levels[this.levels.length - 1].kind === Kind.Stack) {
      this.mode = Mode.Stack;
      this.num = 0;
      this.digits = 0;
      return i;
    }
    this.mode = Mode.Number;
    this.num = 0;
    this.digits = 0;
    this.fracDigits = -1;
    this.neg = c === 0x2d;
    this.numText = undefined;
    this.numStart = i;
    return c === 0x2d ? i + 1 : i;
  }

  /**
   * A JSON number, exactly as `JSON.parse` reads it: up to 15 significant digits and 15 decimals
   * the value is `digits / 10^decimals`, one correctly rounded division (Clinger's fast path);
   * longer numbers and exponents go through `Number` of their text.
   */
  private numberRun(chunk: Uint8Array, start: number): number {
    const n = chunk.length;
    let i = start;
    for (; i < n; i++) {
      const c = chunk[i];
      const d = c - 0x30;
      if (this.numText === undefined) {
        if (d >>> 0 <= 9 && this.digits < 15) {
          this.num = this.num * 10 + d;
          this.digits++;
          if (this.fracDigits >= 0) this.fracDigits++;
          continue;
        }
        if (c === 0x2e && this.fracDigits < 0 && this.digits > 0) {
          this.fracDigits = 0;
          continue;
        }
        const exponent = (c === 0x65 || c === 0x45) && this.digits > 0 && this.fracDigits !== 0;
        if (d >>> 0 <= 9 || exponent) {
          this.numText = this.textSoFar();
          this.numStart = i;
          continue;
        }
      } else if (d >>> 0 <= 9 || c === 0x2e || c === 0x65 || c === 0x45 || c === 0x2b || c === 0x2d)
        continue;
      this.finishNumber(chunk, i);
      return i;
    }
    if (this.numText !== undefined) {
      this.numText += decoder.decode(chunk.subarray(this.numStart, n));
      this.numStart = 0;
    }
    return i;
  }

  /** The number's text so far, rebuilt exactly from its (at most 15) digits. */
  private textSoFar(): string {
    const frac = Math.max(this.fracDigits, 0);
    const all = String(this.num).padStart(frac + 1, '0');
    const digits =
      this.fracDigits < 0
        ? all
        : `${all.slice(0, all.length - frac)}.${all.slice(all.length - frac)}`;
    return `${this.neg ? '-' : ''}${digits}`;
  }

  /** The number ends before byte `i` of `chunk` (or at the end of the input). */
  private finishNumber(chunk: Uint8Array | undefined, i = 0): void {
    this.mode = Mode.Structure;
    let v: number;
    if (this.numText !== undefined) {
      const text = this.numText + (chunk ? decoder.decode(chunk.subarray(this.numStart, i)) : '');
      v = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/.test(text) ? Number(text) : NaN;
    } else if (this.digits === 0 || this.fracDigits === 0) v = NaN;
    else {
      v = this.fracDigits > 0 ? this.num / POW10[this.fracDigits] : this.num;
      if (this.neg) v = -v;
    }
    this.numText = undefined;
    if (Number.isNaN(v)) {
      if (chunk) this.fail(i, chunk[i], 'a number');
      return;
    }
    const top = this.levels[this.levels.length - 1];
    if (top.kind === Kind.Stack)
      this.stackItem(Number.isInteger(v) && v >= 0 && v < MAX_RAW_INDEX ? v : -1);
    else this.profile!.weights!.push(v);
  }

  // ---- values read whole (captured) or not at all (skipped) ----------------------------------

  /** `capture`: keep the bytes and `JSON.parse` them as a profile field. */
  private startSkip(c: number, i: number, capture: boolean): number {
    const top = this.levels[this.levels.length - 1];
    top.state = St.After;
    this.mode = Mode.Skip;
    this.capture = capture;
    this.skipDepth = 0;
    this.inString = false;
    this.escape = false;
    this.scalar = !(c === 0x22 || c === 0x7b || c === 0x5b);
    this.scalarText = '';
    this.pieces = [];
    this.pieceBytes = 0;
    this.piecesStart = this.offset + i;
    this.segStart = i;
    return i;
  }

  private segStart = 0;

  private segmentStart(): number {
    return this.segStart;
  }

  private skipRun(chunk: Uint8Array, start: number): number {
    const n = chunk.length;
    let i = start;
    for (; i < n; i++) {
      const c = chunk[i];
      if (this.inString) {
        if (this.escape) this.escape = false;
        else if (c === 0x5c) this.escape = true;
        else if (c === 0x22) {
          this.inString = false;
          if (this.skipDepth === 0) return this.endSkip(chunk, i + 1);
        }
        continue;
      }
      if (this.scalar) {
        if (c === 0x2c || c === 0x7d || c === 0x5d || isWs(c)) return this.endScalar(chunk, i);
        if (this.scalarText.length > MAX_SCALAR) {
          this.fail(i, c, 'a number, true, false or null');
          return i + 1;
        }
        this.scalarText += String.fromCharCode(c);
        continue;
      }
      if (c === 0x22) this.inString = true;
      else if (c === 0x7b || c === 0x5b) this.skipDepth++;
      else if (c === 0x7d || c === 0x5d) {
        if (--this.skipDepth === 0) return this.endSkip(chunk, i + 1);
      } else if (c === 0x0a) this.newline(i);
    }
    return i;
  }

  /** A number or literal ends before byte `end`: it must be one (it is not read otherwise). */
  private endScalar(chunk: Uint8Array, end: number): number {
    if (!SCALAR.test(this.scalarText)) {
      this.fail(end, chunk[end], 'a number, true, false or null');
      return end;
    }
    return this.endSkip(chunk, end);
  }

  /** The skipped value ends before byte `end`. */
  private endSkip(chunk: Uint8Array, end: number): number {
    this.mode = Mode.Structure;
    if (!this.capture) return end;
    this.keepPiece(chunk, this.segStart, end);
    const text = decoder.decode(concat(this.pieces, this.pieceBytes));
    const key = this.levels[this.levels.length - 1].key;
    try {
      this.profile!.fields[key] = JSON.parse(text);
    } catch (e) {
      this.failAt(
        this.piecesStart,
        `invalid JSON in '${key}': ${(e as Error).message}`,
        'a JSON value',
      );
    }
    this.pieces = [];
    return end;
  }

  private keepPiece(chunk: Uint8Array, from: number, to: number): void {
    if (to <= from) return;
    // A real copy (`Buffer#slice` is a view into the caller's buffer, which it reuses).
    this.pieces.push(Uint8Array.prototype.slice.call(chunk, from, to));
    this.pieceBytes += to - from;
  }

  // ---- arrays handed to JSON.parse in batches (frames, events) -----------------------------

  private startCollect(into: 'frames' | 'events', i: number): number {
    this.levels[this.levels.length - 1].state = St.After;
    this.mode = Mode.Collect;
    this.collectInto = into;
    this.skipDepth = 0;
    this.inString = false;
    this.escape = false;
    this.pieces = [];
    this.pieceBytes = 0;
    this.piecesStart = this.offset + i + 1;
    this.segStart = i + 1;
    return i + 1;
  }

  private collectRun(chunk: Uint8Array, start: number): number {
    const n = chunk.length;
    let i = start;
    for (; i < n; i++) {
      const c = chunk[i];
      if (this.inString) {
        if (this.escape) this.escape = false;
        else if (c === 0x5c) this.escape = true;
        else if (c === 0x22) this.inString = false;
      } else if (c === 0x22) this.inString = true;
      else if (c === 0x7b || c === 0x5b) this.skipDepth++;
      else if (c === 0x7d || c === 0x5d) {
        if (this.skipDepth === 0) {
          if (c === 0x7d) {
            this.fail(i, c, "a value or ']'");
            return i + 1;
          }
          this.keepPiece(chunk, this.segStart, i);
          this.flushBatch();
          if (this.mode !== Mode.Failed) this.mode = Mode.Structure;
          return i + 1;
        }
        if (--this.skipDepth === 0 && this.pieceBytes + (i + 1 - this.segStart) >= BATCH_BYTES) {
          this.keepPiece(chunk, this.segStart, i + 1);
          this.flushBatch();
          if (this.mode === Mode.Failed) return i + 1;
          this.segStart = i + 1;
          this.piecesStart = this.offset + i + 1;
        }
      } else if (c === 0x0a) this.newline(i);
    }
    return i;
  }

  private flushBatch(): void {
    const bytes = concat(this.pieces, this.pieceBytes);
    this.pieces = [];
    this.pieceBytes = 0;
    let text = decoder.decode(bytes);
    // A batch after the first starts with the ',' that separates it from the previous one.
    const first = text.search(/\S/);
    if (first < 0) return;
    if (text.charCodeAt(first) === 0x2c) text = text.slice(first + 1);
    let items: unknown[];
    try {
      items = JSON.parse(`[${text}]`) as unknown[];
    } catch (e) {
      this.failAt(
        this.piecesStart,
        `invalid JSON inside '${this.collectInto}': ${(e as Error).message}`,
        `a JSON array of ${this.collectInto === 'frames' ? 'frame objects' : 'events'}`,
      );
      return;
    }
    if (this.collectInto === 'frames') for (const f of items) this.frames.push(f);
    else this.addEvents(items);
  }

  private addEvents(items: unknown[]): void {
    const ev = this.profile!.events!;
    for (const e of items) {
      const rec = e !== null && typeof e === 'object' ? (e as Record<string, unknown>) : undefined;
      const at = rec?.at;
      const ok = typeof at === 'number' && Number.isFinite(at);
      const frame = rec?.frame;
      ev.kind.push(!ok ? 0 : rec!.type === 'O' ? 1 : rec!.type === 'C' ? 2 : 3);
      ev.at.push(ok ? at : NaN);
      ev.frame.push(typeof frame === 'number' ? frame : NaN);
    }
  }

  // ---- positions, failures, the end --------------------------------------------------------

  private newline(i: number): void {
    this.line++;
    this.lineStart = this.offset + i + 1;
  }

  private countLines(chunk: Uint8Array, start: number): number {
    for (let at = chunk.indexOf(0x0a, start); at !== -1; at = chunk.indexOf(0x0a, at + 1))
      this.newline(at);
    return chunk.length;
  }

  private fail(i: number, found: number | undefined, expected: string): void {
    this.failAt(this.offset + i, `invalid JSON: found ${describe(found)}`, expected);
  }

  private failAt(offset: number, message: string, expected: string): void {
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
    this.mode = Mode.Failed;
  }

  private keepTail(chunk: Uint8Array): void {
    const n = chunk.length;
    if (n >= TAIL_BYTES) {
      this.tail.set(chunk.subarray(n - TAIL_BYTES));
      this.tailLength = TAIL_BYTES;
      return;
    }
    const keep = Math.min(this.tailLength, TAIL_BYTES - n);
    this.tail.copyWithin(0, this.tailLength - keep, this.tailLength);
    this.tail.set(chunk, keep);
    this.tailLength = keep + n;
  }

  /** Offset, line and column just after the last byte that is not whitespace. */
  private trimmedEnd(): { offset: number; line: number; column?: number } {
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

  private truncation(at: { offset: number; line: number; column?: number }): ScanFailure {
    return {
      truncated: true,
      message:
        `the file ends before its JSON is complete (truncated at byte ${at.offset}, ` +
        `line ${at.line}); nothing was read`,
      offset: at.offset,
      line: at.line,
      ...(at.column !== undefined ? { column: at.column } : {}),
      expected: 'the rest of a speedscope JSON file',
    };
  }
}

function concat(pieces: Uint8Array[], total: number): Uint8Array {
  if (pieces.length === 1) return pieces[0];
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of pieces) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
