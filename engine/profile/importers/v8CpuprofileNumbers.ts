/**
 * The storage of a V8 cpuprofile's two big arrays while they are scanned: `samples` (node ids)
 * and `timeDeltas` (µs), tens of millions of small integers in a long soak's profile.
 *
 * Each is a growable typed array of the narrowest kind its values need: Uint16 for the ids when
 * every node id fits (known before the samples: V8 writes `nodes` first), else Int32, widening
 * itself — Uint16 → Int32 → Float64 — the first time a value does not fit. Uint16 ids halve the
 * biggest array again (a 94 MB profile of 45,000 nodes: 17 MB less); the model keeps them as its
 * sample stacks in place.
 */

export type NumberArray = Uint16Array | Int32Array | Float64Array;

/** State of a fast run: one object shape per array kind, so each hot loop stays monomorphic. */
export interface IntRun<A extends NumberArray> {
  data: A;
  len: number;
  num: number;
  digits: boolean;
}

const newRun = <A extends NumberArray>(data: A): IntRun<A> => ({
  data,
  len: 0,
  num: 0,
  digits: false,
});

export class GrowNumbers {
  data: NumberArray = new Int32Array(4096);
  length = 0;
  private readonly runU16 = newRun<Uint16Array>(new Uint16Array(0));
  private readonly runI32 = newRun<Int32Array>(new Int32Array(0));
  private readonly runF64 = newRun<Float64Array>(new Float64Array(0));

  /** Stores Uint16 from here on: only while empty, when every value should fit. */
  narrow(): void {
    if (this.length === 0 && this.data instanceof Int32Array)
      this.data = new Uint16Array(this.data.length);
  }

  private alloc(n: number): NumberArray {
    const d = this.data;
    return d instanceof Uint16Array
      ? new Uint16Array(n)
      : d instanceof Int32Array
        ? new Int32Array(n)
        : new Float64Array(n);
  }

  private grow(): void {
    const n = this.alloc(this.data.length * 2);
    n.set(this.data);
    this.data = n;
  }

  /** Makes room for `n` entries in all (the second array of a profile has as many as the first). */
  reserve(n: number): void {
    if (n <= this.data.length) return;
    const next = this.alloc(n);
    next.set(this.data.subarray(0, this.length));
    this.data = next;
  }

  push(v: number): void {
    if (this.length === this.data.length) this.grow();
    const d = this.data;
    if (d instanceof Float64Array) {
      d[this.length++] = v;
      return;
    }
    const fits = d instanceof Uint16Array ? (v & 0xffff) === v : (v | 0) === v;
    if (!fits) this.data = (v | 0) === v ? Int32Array.from(d) : Float64Array.from(d);
    this.data[this.length++] = v;
  }

  /**
   * Reads plain non-negative integers separated by ',' from `chunk[start..n)` straight into the
   * storage while they fit and there is room; stops at anything else and returns its index. `num`
   * and `digits` carry a number cut by the chunk's end in and out (in the returned run).
   */
  scanFast(
    chunk: Uint8Array,
    start: number,
    n: number,
    num: number,
    digits: boolean,
  ): { i: number; run: IntRun<NumberArray> } {
    const d = this.data;
    let i: number;
    let run: IntRun<NumberArray>;
    if (d instanceof Uint16Array) {
      const r = this.runU16;
      r.data = d;
      run = r;
      start0(r, this.length, num, digits);
      i = fastIntsU16(chunk, start, n, r);
    } else if (d instanceof Int32Array) {
      const r = this.runI32;
      r.data = d;
      run = r;
      start0(r, this.length, num, digits);
      i = fastInts(chunk, start, n, r);
    } else {
      const r = this.runF64;
      r.data = d;
      run = r;
      start0(r, this.length, num, digits);
      i = fastIntsF64(chunk, start, n, r);
    }
    this.length = run.len;
    return { i, run };
  }

  /** The numbers, without copying (the view may sit in a larger buffer). */
  view(): NumberArray {
    return this.data.subarray(0, this.length);
  }
}

function start0(r: IntRun<NumberArray>, len: number, num: number, digits: boolean): void {
  r.len = len;
  r.num = num;
  r.digits = digits;
}

// The three hot loops below are one loop for three array kinds, each in a function of its own so
// that each optimizes early, stays monomorphic in its array type, and never deoptimizes mid-chunk.

/** Into Int32 storage: integers up to 2^31 - 1. */
function fastInts(chunk: Uint8Array, start: number, n: number, run: IntRun<Int32Array>): number {
  const data = run.data;
  const cap = data.length;
  let len = run.len;
  let num = run.num;
  let digits = run.digits;
  let i = start;
  for (; i < n; i++) {
    const d = chunk[i];
    const digit = d - 0x30;
    if (digit >>> 0 <= 9) {
      num = num * 10 + digit;
      digits = true;
    } else if (d === 0x2c && digits && num <= 0x7fffffff && len < cap) {
      data[len++] = num;
      num = 0;
      digits = false;
    } else break;
  }
  run.len = len;
  run.num = num;
  run.digits = digits;
  return i;
}

/** Into Uint16 storage (node ids of a profile with at most 65,536 of them): up to 65,535. */
function fastIntsU16(
  chunk: Uint8Array,
  start: number,
  n: number,
  run: IntRun<Uint16Array>,
): number {
  const data = run.data;
  const cap = data.length;
  let len = run.len;
  let num = run.num;
  let digits = run.digits;
  let i = start;
  for (; i < n; i++) {
    const d = chunk[i];
    const digit = d - 0x30;
    if (digit >>> 0 <= 9) {
      num = num * 10 + digit;
      digits = true;
    } else if (d === 0x2c && digits && num <= 0xffff && len < cap) {
      data[len++] = num;
      num = 0;
      digits = false;
    } else break;
  }
  run.len = len;
  run.num = num;
  run.digits = digits;
  return i;
}

/** Into Float64 storage (after a value that was not an int32). */
function fastIntsF64(
  chunk: Uint8Array,
  start: number,
  n: number,
  run: IntRun<Float64Array>,
): number {
  const data = run.data;
  const cap = data.length;
  let len = run.len;
  let num = run.num;
  let digits = run.digits;
  let i = start;
  for (; i < n; i++) {
    const d = chunk[i];
    const digit = d - 0x30;
    if (digit >>> 0 <= 9) {
      num = num * 10 + digit;
      digits = true;
    } else if (d === 0x2c && digits && num <= 0x7fffffff && len < cap) {
      data[len++] = num;
      num = 0;
      digits = false;
    } else break;
  }
  run.len = len;
  run.num = num;
  run.digits = digits;
  return i;
}
