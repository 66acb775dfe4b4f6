/**
 * A streaming scanner for V8 `.cpuprofile` JSON (format: Chrome DevTools Protocol
 * `Profiler.Profile` — https://chromedevtools.github.io/devtools-protocol/tot/Profiler/#type-Profile —
 * as written by `node --cpu-prof` on Node 20, DevTools "Save profile" and the inspector's
 * `Profiler.stop`, optionally wrapped as `{ "profile": { … } }`).
 *
 * Why not `JSON.parse`: profiles of long soaks are hundreds of MB, and past V8's maximum string
 * length (~512 MB) `JSON.parse` cannot even be called. Almost all of the bytes are the integer
 * arrays `samples` and `timeDeltas`, so this scanner parses those digit by digit straight from the
 * bytes, and hands only the (much smaller) `nodes` array to `JSON.parse`, in batches cut at
 * element boundaries. One pass, bytes fed in chunks of any size, no string of the whole file.
 */
import { errorAt, type EngineDiagnostic } from '../../diagnostics';
import { jsonErrorOffset } from '../jsonErrorOffset';
import { joinBytes } from './bytePieces';
import { LineCursor, lineColumnOf, placeThrough, type LinePlace } from './lineCursor';
import { GrowNumbers, type NumberArray } from './v8CpuprofileNumbers';

/** A `ProfileNode` as the DevTools protocol defines it (fields we read). */
export interface RawCpuNode {
  id: number;
  callFrame?: {
    functionName?: string;
    url?: string;
    lineNumber?: number;
    columnNumber?: number;
    scriptId?: string | number;
  };
  hitCount?: number;
  children?: number[];
  parent?: number;
  positionTicks?: { line: number; ticks: number }[];
}

export interface RawCpuProfile {
  nodes: RawCpuNode[];
  /**
   * Node ids; Uint16 when every node id fits (and the nodes came first), Float64 only if some
   * entry was not an int32. Owned by the consumer (may be reused in place).
   */
  samples: NumberArray;
  /** Microseconds; Float64 only if some entry was not an int32 (never Uint16). */
  timeDeltas: Int32Array | Float64Array;
  startTime?: number;
  endTime?: number;
  /** Which top-level keys were seen complete. */
  seen: Set<string>;
  /** Set when the input ended or broke before the JSON was complete (a best-effort result). */
  incomplete?: EngineDiagnostic;
}

const enum S {
  BeforeRoot,
  KeyOrEnd,
  Key,
  Colon,
  Value,
  AfterValue,
  Nodes,
  IntsStart,
  Ints,
  Scalar,
  Skip,
  Done,
  Failed,
}

// Small batches: each batch's text and its '[…]' copy stay ordinary young objects that die in the
// next scavenge. Batches of 8 MB were large objects, kept until a full collection that may never
// come in a one-shot report (17 MB of dead text at the peak of a 94 MB profile's report).
const NODES_BATCH_BYTES = 64 * 1024;

function describe(byte: number | undefined): string {
  if (byte === undefined) return 'the end of the file';
  if (byte >= 0x20 && byte < 0x7f) return `'${String.fromCharCode(byte)}'`;
  return `byte 0x${byte.toString(16).padStart(2, '0')}`;
}

function isWs(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

export class CpuprofileScanner {
  private state = S.BeforeRoot;
  private offset = 0; // bytes consumed before the current chunk
  private key = '';
  private keyEscape = false;
  private nest = 0; // depth of `{ "profile": {` wrappers entered
  private nodes: RawCpuNode[] = [];
  private nodeCount = 0;
  private readonly samples = new GrowNumbers();
  // Int32 like the ids (Float64 only if a delta is not an int32): the model step turns each delta
  // into its sample's weight, in µs, in this very array (no second array of a weight per sample).
  private readonly deltas = new GrowNumbers();
  private intsTarget: GrowNumbers = this.samples;
  private readonly scalars = new Map<string, number>();
  private readonly seen = new Set<string>();
  // integer-array state
  private num = 0;
  private neg = false;
  private digits = false;
  private slow = ''; // non-integer number text (fraction/exponent): rare, parsed with Number()
  private slowMode = false;
  private scalarText = '';
  /** Every numeric node id so far is an integer in 0..65535: the sample ids fit Uint16. */
  private smallIds = true;
  // nodes-array state
  private depth = 0;
  private inString = false;
  private escape = false;
  private pieces: Uint8Array[] = [];
  private segStart = -1;
  private pendingBytes = 0;
  private piecesStartOffset = 0;
  /** The line where the current batch of node bytes starts (its problems are found later). */
  private piecesPlace: LinePlace = { line: 1, lineStart: 0 };
  /** Lines and columns, for problems placed where an editor shows them. */
  private readonly lines = new LineCursor();
  // generic skip state
  private skipDepth = 0;
  private skipStarted = false;
  private error: EngineDiagnostic | undefined;
  private bom = true;

  /**
   * `sizeHint`: the file's size in bytes, if known; only used to size the sample arrays up front.
   * `onNodes`: given the first `nodes` array the moment it ends, and the scanner lets go of it (so
   * the caller can build the call tree while the samples are read, and the raw node objects are
   * garbage before the big sample arrays fill); a later `nodes` array still ends up in `raw.nodes`.
   */
  constructor(
    private readonly fileName: string,
    private readonly sizeHint?: number,
    private onNodes?: (nodes: RawCpuNode[]) => void,
  ) {}

  /** After the `[` of a `samples` or `timeDeltas` array: read integers from a clean slate. */
  private enterInts(): void {
    this.state = S.Ints;
    this.num = 0;
    this.neg = false;
    this.digits = false;
    this.slow = '';
    this.slowMode = false;
  }

  /**
   * The input is wrong at file offset `at`: in the current chunk, or (`place` given, the line
   * `at` is on) in an earlier one.
   */
  private fail(
    at: number,
    expected: string,
    found: number | undefined,
    message?: string,
    place?: LinePlace,
  ): void {
    if (this.state === S.Failed) return;
    const where = lineColumnOf(place ?? this.lines.placeAt(at - this.offset), at);
    this.error = errorAt(
      this.fileName,
      message ?? `invalid V8 CPU profile JSON: found ${describe(found)}`,
      { ...where, offset: at, expected },
    );
    this.state = S.Failed;
  }

  /** Byte `i` of the current chunk starts a batch of node bytes. */
  private startPieces(i: number): void {
    this.segStart = i;
    this.piecesStartOffset = this.offset + i;
    this.piecesPlace = this.lines.placeAt(i);
  }

  /** Feeds the next bytes (any size; the caller may reuse its buffer afterwards). */
  push(chunk: Uint8Array): void {
    const n = chunk.length;
    this.lines.startChunk(chunk, this.offset);
    let i = this.skipBom(chunk);
    // Where the current piece of the nodes array starts in this chunk (it may have begun before).
    this.segStart = this.state === S.Nodes ? 0 : -1;
    while (i < n && this.state !== S.Failed) {
      if (this.state === S.Ints) i = this.scanInts(chunk, i);
      else if (this.state === S.Nodes) i = this.scanNodes(chunk, i);
      else i = this.structuralByte(chunk, i);
    }
    this.lines.endChunk();
    this.offset += n;
  }

  /** Index of the first byte after a UTF-8 byte-order mark at the very start, else 0. */
  private skipBom(chunk: Uint8Array): number {
    if (!this.bom || chunk.length === 0) return 0;
    this.bom = false;
    return chunk.length >= 3 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf ? 3 : 0;
  }

  /**
   * Inside the `nodes` array: finds element boundaries (strings and nesting tracked) and hands
   * the bytes to `JSON.parse` in batches; returns the index after the closing `]`, or the end of
   * the chunk (whose tail is kept).
   */
  private scanNodes(chunk: Uint8Array, start: number): number {
    const n = chunk.length;
    for (let i = start; i < n; i++) {
      const d = chunk[i];
      if (this.inString) {
        if (this.escape) this.escape = false;
        else if (d === 0x5c) this.escape = true;
        else if (d === 0x22) this.inString = false;
      } else if (d === 0x22) {
        this.inString = true;
      } else if (d === 0x7b || d === 0x5b) {
        this.depth++;
      } else if (d === 0x7d || d === 0x5d) {
        if (this.depth === 0) return this.endNodes(chunk, i);
        this.depth--;
        if (this.depth === 0 && this.pendingBytes + (i + 1 - this.segStart) >= NODES_BATCH_BYTES) {
          this.pieces.push(chunk.subarray(this.segStart, i + 1));
          this.flushNodes();
          if (this.isFailed()) return n;
          this.startPieces(i + 1);
        }
      }
    }
    // The chunk ended inside the nodes array: keep a copy of the tail (the caller may reuse its buffer).
    // A real copy: `Buffer#slice` would be a view into the caller's buffer.
    const tail = Uint8Array.prototype.slice.call(chunk, this.segStart);
    this.pieces.push(tail);
    this.pendingBytes += tail.length;
    return n;
  }

  /** A `]` or `}` at the top of the nodes array, at byte `i`. */
  private endNodes(chunk: Uint8Array, i: number): number {
    const d = chunk[i];
    if (d === 0x7d) {
      this.fail(this.offset + i, "a node object or ']'", d);
      return chunk.length;
    }
    this.pieces.push(chunk.subarray(this.segStart, i));
    this.flushNodes();
    if (this.isFailed()) return chunk.length;
    this.seen.add('nodes');
    this.state = S.AfterValue;
    const onNodes = this.onNodes;
    if (onNodes) {
      this.onNodes = undefined;
      const nodes = this.nodes;
      this.nodes = [];
      onNodes(nodes);
    }
    return i + 1;
  }

  /** One byte of the object around the arrays (keys, colons, scalars, skipped values); returns the next index. */
  private structuralByte(chunk: Uint8Array, i: number): number {
    const c = chunk[i];
    switch (this.state) {
      case S.BeforeRoot:
        if (c === 0x7b) this.state = S.KeyOrEnd;
        else if (!isWs(c)) this.fail(this.offset + i, "'{' starting a CPU profile object", c);
        break;
      case S.KeyOrEnd:
        if (c === 0x22) {
          this.state = S.Key;
          this.key = '';
        } else if (c === 0x7d) this.closeObject();
        else if (!isWs(c)) this.fail(this.offset + i, "a quoted key or '}'", c);
        break;
      case S.Key:
        this.keyByte(c);
        break;
      case S.Colon:
        if (c === 0x3a) this.state = S.Value;
        else if (!isWs(c)) this.fail(this.offset + i, "':' after a key", c);
        break;
      case S.Value:
        if (isWs(c)) break;
        this.startValue(c, i);
        if (this.isIn(S.Nodes)) this.startPieces(i + 1);
        break;
      case S.IntsStart:
        this.intsStartByte(c, i);
        break;
      case S.Scalar:
        if (c === 0x2c || c === 0x7d || isWs(c)) {
          this.endScalar();
          return i; // re-read the terminator in AfterValue
        }
        this.scalarText += String.fromCharCode(c);
        break;
      case S.Skip:
        this.skipByte(c, i);
        break;
      case S.AfterValue:
        if (c === 0x2c) this.state = S.KeyOrEnd;
        else if (c === 0x7d) this.closeObject();
        else if (!isWs(c)) this.fail(this.offset + i, "',' or '}' after a value", c);
        break;
      case S.Done:
        if (!isWs(c)) this.fail(this.offset + i, "nothing after the closing '}'", c);
        break;
      default:
        break;
    }
    return i + 1;
  }

  private keyByte(c: number): void {
    if (this.keyEscape) {
      this.key += String.fromCharCode(c);
      this.keyEscape = false;
    } else if (c === 0x5c) this.keyEscape = true;
    else if (c === 0x22) this.state = S.Colon;
    else if (this.key.length < 64) this.key += String.fromCharCode(c);
  }

  /** After the key of an integer array: its `[`, or `null`. */
  private intsStartByte(c: number, i: number): void {
    if (c === 0x5b) this.enterInts();
    else if (c === 0x6e) {
      // null
      this.state = S.Skip;
      this.skipDepth = 0;
      this.skipStarted = true;
    } else if (!isWs(c)) this.fail(this.offset + i, `'[' starting the '${this.key}' array`, c);
  }

  private endScalar(): void {
    const v = Number(this.scalarText);
    if (this.scalarText !== '' && Number.isFinite(v)) {
      this.scalars.set(this.key, v);
      this.seen.add(this.key);
    }
    this.state = S.AfterValue;
  }

  /**
   * The hot loop: digits of `samples`/`timeDeltas` straight from bytes. Returns the index after
   * the closing ']' (state → AfterValue), or n when the chunk ends inside the array.
   */
  private scanInts(chunk: Uint8Array, start: number): number {
    const n = chunk.length;
    const target = this.intsTarget;
    let num = this.num;
    let digits = this.digits;
    let neg = this.neg;
    let i = start;
    outer: for (;;) {
      // Fast path: plain integers straight into the list's storage.
      if (!this.slowMode && !neg) {
        const fast = target.scanFast(chunk, i, n, num, digits);
        i = fast.i;
        num = fast.run.num;
        digits = fast.run.digits;
      }
      for (; i < n; i++) {
        const d = chunk[i];
        if (d >= 0x30 && d <= 0x39 && !this.slowMode) {
          num = num * 10 + (d - 0x30);
          digits = true;
        } else if (d === 0x2c || d === 0x5d) {
          if (!digits && !this.slowMode) {
            if (d === 0x5d && target.length === 0 && !neg) {
              this.state = S.AfterValue;
              this.seen.add(this.key);
              i++;
              break;
            }
            this.fail(this.offset + i, 'a number', d);
            break;
          }
          let v = neg ? -num : num;
          if (this.slowMode) {
            v = Number((neg ? '-' : '') + this.slow);
            this.slow = '';
            this.slowMode = false;
            if (!Number.isFinite(v)) {
              this.fail(this.offset + i, 'a number', d);
              break;
            }
          }
          target.push(v);
          num = 0;
          digits = false;
          neg = false;
          if (d === 0x5d) {
            this.state = S.AfterValue;
            this.seen.add(this.key);
            i++;
            break;
          }
          // back to the fast path for the next numbers
          i++;
          continue outer;
        } else if (d === 0x2d && !digits && !neg && !this.slowMode) {
          neg = true;
        } else if (d === 0x20 || d === 0x0a || d === 0x0d || d === 0x09) {
          // whitespace between numbers
        } else if (
          (d === 0x2e ||
            d === 0x65 ||
            d === 0x45 ||
            d === 0x2b ||
            d === 0x2d ||
            (d >= 0x30 && d <= 0x39)) &&
          (digits || this.slowMode)
        ) {
          if (!this.slowMode) {
            this.slow = String(num);
            this.slowMode = true;
          }
          this.slow += String.fromCharCode(d);
        } else {
          this.fail(this.offset + i, "a number, ',' or ']'", d);
          break;
        }
      }
      break;
    }
    this.num = num;
    this.digits = digits;
    this.neg = neg;
    return i;
  }

  private isFailed(): boolean {
    return this.state === S.Failed;
  }

  private isIn(s: S): boolean {
    return this.state === s;
  }

  private closeObject(): void {
    if (this.nest > 0) {
      this.nest--;
      this.state = S.AfterValue;
    } else this.state = S.Done;
  }

  private startValue(c: number, i: number): void {
    const key = this.key;
    if (key === 'nodes') {
      if (c !== 0x5b) return this.fail(this.offset + i, "'[' starting the 'nodes' array", c);
      this.state = S.Nodes;
      this.depth = 0;
      this.inString = false;
      this.escape = false;
      this.pieces = [];
      this.pendingBytes = 0;
      return;
    }
    if (key === 'samples' || key === 'timeDeltas') {
      this.intsTarget = key === 'samples' ? this.samples : this.deltas;
      // Ids of at most 65,536 nodes, all in 0..65535, read after the nodes: Uint16 storage (an
      // id that does not fit after all widens it).
      if (key === 'samples' && this.seen.has('nodes') && this.smallIds && this.nodeCount <= 0x10000)
        this.samples.narrow();
      // The other array, if already read, tells the length of this one: no growing and copying.
      const other = key === 'samples' ? this.deltas : this.samples;
      if (
        this.intsTarget.length === 0 &&
        this.seen.has(key === 'samples' ? 'timeDeltas' : 'samples')
      )
        this.intsTarget.reserve(other.length + 1);
      else if (
        this.intsTarget.length === 0 &&
        this.sizeHint !== undefined &&
        this.sizeHint > this.offset + i
      ) {
        // The first of the two arrays: they share the rest of the file, at least ~8 bytes per
        // (id, delta) pair in practice ("123," + "1000,"). Untouched capacity costs no memory.
        this.intsTarget.reserve(
          Math.min(0x1fffffff, Math.ceil((this.sizeHint - this.offset - i) / 8)),
        );
      }
      this.state = S.IntsStart;
      if (c === 0x5b) this.enterInts();
      else if (c === 0x6e) {
        this.state = S.Skip;
        this.skipDepth = 0;
        this.skipStarted = false;
        this.skipByte(c, i);
      } else this.fail(this.offset + i, `'[' starting the '${key}' array`, c);
      return;
    }
    if ((key === 'startTime' || key === 'endTime') && (c === 0x2d || (c >= 0x30 && c <= 0x39))) {
      this.state = S.Scalar;
      this.scalarText = String.fromCharCode(c);
      return;
    }
    if (key === 'profile' && c === 0x7b && this.nest < 4) {
      this.nest++;
      this.state = S.KeyOrEnd;
      return;
    }
    this.state = S.Skip;
    this.skipDepth = 0;
    this.skipStarted = false;
    this.inString = false;
    this.escape = false;
    this.skipByte(c, i);
  }

  /** Skips any JSON value we do not read (strings, objects, arrays, literals). */
  private skipByte(c: number, i: number): void {
    if (this.inString) {
      if (this.escape) this.escape = false;
      else if (c === 0x5c) this.escape = true;
      else if (c === 0x22) {
        this.inString = false;
        if (this.skipDepth === 0) this.state = S.AfterValue;
      }
      return;
    }
    if (c === 0x22) {
      this.inString = true;
      this.skipStarted = true;
    } else if (c === 0x7b || c === 0x5b) {
      this.skipDepth++;
      this.skipStarted = true;
    } else if (c === 0x7d || c === 0x5d) {
      if (this.skipDepth === 0) {
        // end of the enclosing object right after a literal
        if (c === 0x7d && this.skipStarted) this.closeObject();
        else this.fail(this.offset + i, 'a value', c);
        return;
      }
      this.skipDepth--;
      if (this.skipDepth === 0) this.state = S.AfterValue;
    } else if (c === 0x2c && this.skipDepth === 0) {
      this.state = this.skipStarted ? S.KeyOrEnd : S.Failed;
      if (!this.skipStarted) this.fail(this.offset + i, 'a value', c);
    } else if (!isWs(c)) {
      this.skipStarted = true;
    }
  }

  private flushNodes(): void {
    const pieces = this.pieces;
    this.pieces = [];
    this.pendingBytes = 0;
    let total = 0;
    for (const p of pieces) total += p.length;
    if (total === 0) return;
    const bytes = joinBytes(pieces, total);
    let text = decoder.decode(bytes);
    // A batch after the first starts with the ',' separating it from the previous one.
    const first = text.search(/\S/);
    let skipped = 0;
    if (first >= 0 && text.charCodeAt(first) === 0x2c) {
      skipped = first + 1;
      text = text.slice(skipped);
    }
    if (text.trim() === '') return;
    let parsed: unknown;
    try {
      parsed = JSON.parse('[' + text + ']');
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      // Offsets are in characters of the batch; equal to bytes for the ASCII that profiles are.
      const m = /position (\d+)/.exec(msg);
      const pos = m ? Number(m[1]) : jsonErrorOffset('[' + text + ']');
      const within = skipped + Math.max(0, pos - 1);
      const at = this.piecesStartOffset + within;
      this.fail(
        at,
        'a JSON array of ProfileNode objects',
        undefined,
        `invalid JSON inside the 'nodes' array: ${msg}`,
        placeThrough(this.piecesPlace, bytes, this.piecesStartOffset, 0, within),
      );
      return;
    }
    for (const node of parsed as RawCpuNode[]) {
      this.nodes.push(node);
      this.nodeCount++;
      const id: unknown = node?.id;
      if (typeof id === 'number' && !((id & 0xffff) === id)) this.smallIds = false;
    }
  }

  /** Finishes the scan: the raw profile, possibly incomplete, or the error that stopped it. */
  end(): { raw: RawCpuProfile } | { error: EngineDiagnostic } {
    if (this.state === S.Scalar) {
      const v = Number(this.scalarText);
      if (Number.isFinite(v)) this.scalars.set(this.key, v);
    }
    if (this.offset === 0)
      return {
        error: errorAt(this.fileName, 'the file is empty (0 bytes)', {
          line: 1,
          column: 1,
          offset: 0,
          expected: 'a V8 CPU profile JSON object',
        }),
      };
    let incomplete: EngineDiagnostic | undefined;
    if (this.state === S.Failed) incomplete = this.error;
    else if (this.state !== S.Done) {
      incomplete = errorAt(
        this.fileName,
        `the file ends in the middle of the profile (inside ${this.where()}); it looks truncated`,
        {
          ...lineColumnOf(this.lines.afterLastChunk(), this.offset),
          offset: this.offset,
          expected: this.expectedAtEnd(),
        },
      );
    }
    if (!this.seen.has('nodes')) {
      return {
        error:
          incomplete ??
          errorAt(
            this.fileName,
            "the JSON object has no 'nodes' array, so it is not a V8 CPU profile",
            { line: 1, column: 1, offset: 0, expected: "a 'nodes' array of ProfileNode objects" },
          ),
      };
    }
    return {
      raw: {
        nodes: this.nodes,
        samples: this.samples.view(),
        timeDeltas: this.deltas.view() as Int32Array | Float64Array, // never narrowed
        ...(this.scalars.has('startTime') ? { startTime: this.scalars.get('startTime')! } : {}),
        ...(this.scalars.has('endTime') ? { endTime: this.scalars.get('endTime')! } : {}),
        seen: this.seen,
        ...(incomplete ? { incomplete } : {}),
      },
    };
  }

  private where(): string {
    switch (this.state) {
      case S.Nodes:
        return "the 'nodes' array";
      case S.Ints:
      case S.IntsStart:
        return `the '${this.key}' array`;
      default:
        return 'the top-level object';
    }
  }

  private expectedAtEnd(): string {
    switch (this.state) {
      case S.Ints:
        return "more numbers and a closing ']'";
      case S.Nodes:
        return "more node objects and a closing ']'";
      case S.BeforeRoot:
        return "'{'";
      default:
        return "the rest of the object and a closing '}'";
    }
  }
}

const decoder = new TextDecoder('utf-8');
