/**
 * One JSON number read byte by byte across chunks, with the value `JSON.parse` gives it: up to 15
 * significant digits and 15 decimals the value is `digits / 10^decimals`, one correctly rounded
 * division (Clinger's fast path); longer numbers and exponents go through `Number` of their text.
 */

const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);
const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const decoder = new TextDecoder('utf-8');

export class JsonNumberReader {
  /** Set by `run` when the number ended before the index it returned. */
  ended = false;
  private num = 0;
  private digits = 0;
  /** Digits after the '.', -1 before one. */
  private fracDigits = -1;
  private neg = false;
  /** The text so far, once the fast path no longer holds (the bytes from `textStart` follow). */
  private text: string | undefined;
  private textStart = 0;

  /** A number starts at byte `i` with byte `c`; returns the index to read on from. */
  begin(c: number, i: number): number {
    this.carryDigits(0, 0, i);
    this.neg = c === 0x2d;
    return this.neg ? i + 1 : i;
  }

  /** A number whose first `digits` digits (value `num`) were read elsewhere goes on at byte `i`. */
  carryDigits(num: number, digits: number, i: number): void {
    this.ended = false;
    this.num = num;
    this.digits = digits;
    this.fracDigits = -1;
    this.neg = false;
    this.text = undefined;
    this.textStart = i;
  }

  /** Reads on from `start`; sets `ended` when a byte that is no part of a number stops it. */
  run(chunk: Uint8Array, start: number): number {
    const n = chunk.length;
    let i = start;
    for (; i < n; i++) {
      const c = chunk[i];
      const d = c - 0x30;
      if (this.text === undefined) {
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
          this.text = this.textSoFar();
          this.textStart = i;
          continue;
        }
      } else if (d >>> 0 <= 9 || c === 0x2e || c === 0x65 || c === 0x45 || c === 0x2b || c === 0x2d)
        continue;
      this.ended = true;
      return i;
    }
    if (this.text !== undefined) {
      this.text += decoder.decode(chunk.subarray(this.textStart, n));
      this.textStart = 0;
    }
    return i;
  }

  /**
   * The number, which ends before byte `i` of `chunk` (no chunk: at the end of the input); NaN
   * when its text is no JSON number.
   */
  value(chunk: Uint8Array | undefined, i = 0): number {
    this.ended = false;
    let v: number;
    if (this.text !== undefined) {
      const text = this.text + (chunk ? decoder.decode(chunk.subarray(this.textStart, i)) : '');
      v = JSON_NUMBER.test(text) ? Number(text) : NaN;
    } else if (this.digits === 0 || this.fracDigits === 0) v = NaN;
    else {
      v = this.fracDigits > 0 ? this.num / POW10[this.fracDigits] : this.num;
      if (this.neg) v = -v;
    }
    this.text = undefined;
    return v;
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
}
