/**
 * A tolerant parser for the object-literal text Node prints for `console.log(obj)`.
 *
 * Reference: Node 20 `lib/internal/util/inspect.js` (`formatValue`, `formatList`): keys that are
 * identifiers print bare, others single-quoted (`'ipfs.fetchCar.bytes': …`); numbers include
 * `NaN`, `Infinity`, `-0`, bigint `12n`; nesting past `depth` (2 for console.log) prints
 * `[Object]` / `[Array]`; long arrays end in `... N more items`; cycles print `<ref *1>` and
 * `[Circular *1]`. It is also a superset of JSON, so structured-logger payloads parse here too.
 * It is not JavaScript and is never evaluated.
 *
 * Tolerance: on a syntax error or end of text the parser keeps every entry completed so far and
 * reports where it stopped, so a dump cut off at the end of a file still yields its first counters.
 */

/** A placeholder `util.inspect` printed in place of a value it did not show. */
export class Elided {
  constructor(readonly marker: string) {}
}

export type InspectValue =
  number | string | boolean | null | undefined | Elided | InspectValue[] | InspectObject;

/** Parsed object: entries in order (duplicates kept, so callers can report them). */
export interface InspectObject {
  readonly kind: 'object';
  readonly entries: Array<[string, InspectValue]>;
  /** `... N more items/properties` lines inside this object. */
  readonly elided: string[];
}

export interface ParseProblem {
  /** 0-based offset into the text. */
  readonly offset: number;
  readonly expected: string;
  readonly found: string;
}

export interface ParseResult {
  readonly value: InspectValue;
  /** Set when parsing stopped early; `value` then holds what was complete. */
  readonly problem?: ParseProblem;
  /** Offset just after the value. */
  readonly end: number;
}

class Stop extends Error {
  constructor(
    readonly problem: ParseProblem,
    readonly partial: InspectValue,
  ) {
    super(problem.expected);
  }
}

const IDENT_START = /[A-Za-z_$]/;
const IDENT_PART = /[A-Za-z0-9_$]/;
const NUMBER_RE =
  /-?(?:Infinity|NaN|0[xX][0-9a-fA-F_]+|(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)n?/y;
const MORE_RE = /\.\.\. (\d+) more (items?|properties|propert(?:y|ies)|characters?)/y;

export function parseInspect(text: string, start = 0): ParseResult {
  const p = new Parser(text, start);
  try {
    p.ws();
    const value = p.value('');
    return { value, end: p.pos };
  } catch (e) {
    if (e instanceof Stop) return { value: e.partial, problem: e.problem, end: p.pos };
    throw e;
  }
}

class Parser {
  constructor(
    readonly s: string,
    public pos: number,
  ) {}

  ws(): void {
    const s = this.s;
    while (this.pos < s.length) {
      const c = s.charCodeAt(this.pos);
      if (c === 32 || c === 10 || c === 13 || c === 9) this.pos++;
      else break;
    }
  }

  fail(expected: string, partial: InspectValue): never {
    const found =
      this.pos >= this.s.length
        ? 'end of text'
        : JSON.stringify(this.s.slice(this.pos, this.pos + 12));
    throw new Stop({ offset: this.pos, expected, found }, partial);
  }

  value(path: string): InspectValue {
    const s = this.s;
    // `<ref *1> { … }` — cycle anchor, drop it.
    if (s.startsWith('<ref *', this.pos)) {
      const close = s.indexOf('>', this.pos);
      if (close === -1) this.fail('`>` closing a `<ref *N>` marker', undefined);
      this.pos = close + 1;
      this.ws();
    }
    const c = s[this.pos];
    if (c === undefined) this.fail('a value', undefined);
    if (c === '{') return this.object(path);
    if (c === '[') {
      // `[Object: null prototype] {…}` (and `[Map: null prototype]`…): a prefix before the body.
      const nullProto = /\[[A-Za-z]+: null prototype\]\s*/y;
      nullProto.lastIndex = this.pos;
      const np = nullProto.exec(s);
      if (np) {
        this.pos += np[0].length;
        return this.value(path);
      }
      // `[Object]`, `[Array]`, `[Circular *1]`, `[Function: f]`, `[Getter]` … or a real array.
      const m =
        /\[(?:Object|Array|Circular \*\d+|Function(?:: [^\]]*)?|class [^\]]*|Getter(?:\/Setter)?|Setter|Symbol\([^)]*\))\]/y;
      m.lastIndex = this.pos;
      const hit = m.exec(s);
      if (hit) {
        this.pos += hit[0].length;
        return new Elided(hit[0]);
      }
      return this.array(path);
    }
    if (c === "'" || c === '"' || c === '`') return this.string();
    NUMBER_RE.lastIndex = this.pos;
    const num = NUMBER_RE.exec(s);
    if (num) {
      this.pos += num[0].length;
      return toNumber(num[0]);
    }
    if (IDENT_START.test(c)) {
      const word = this.ident();
      if (word === 'true') return true;
      if (word === 'false') return false;
      if (word === 'null') return null;
      if (word === 'undefined') return undefined;
      // `Foo {`, `Map(2) {` — a class-name prefix before an object body.
      if (s[this.pos] === '(') {
        const close = s.indexOf(')', this.pos);
        if (close !== -1) this.pos = close + 1;
      }
      this.ws();
      if (s[this.pos] === '{' || s[this.pos] === '[') return this.value(path);
      return new Elided(word);
    }
    this.fail('a value (object, number, string)', undefined);
  }

  ident(): string {
    const s = this.s;
    const from = this.pos;
    this.pos++;
    while (this.pos < s.length && IDENT_PART.test(s[this.pos])) this.pos++;
    return s.slice(from, this.pos);
  }

  string(): string {
    const s = this.s;
    const q = s[this.pos];
    let out = '';
    let i = this.pos + 1;
    let runStart = i;
    while (i < s.length) {
      const c = s[i];
      if (c === q) {
        out += s.slice(runStart, i);
        this.pos = i + 1;
        return out;
      }
      if (c === '\n') break;
      if (c === '\\') {
        out += s.slice(runStart, i);
        const e = s[i + 1];
        if (e === undefined) break;
        if (e === 'n') out += '\n';
        else if (e === 't') out += '\t';
        else if (e === 'r') out += '\r';
        else if (e === 'b') out += '\b';
        else if (e === 'f') out += '\f';
        else if (e === 'x' || e === 'u') {
          const len = e === 'x' ? 2 : 4;
          const hex = s.slice(i + 2, i + 2 + len);
          if (/^[0-9a-fA-F]+$/.test(hex) && hex.length === len) {
            out += String.fromCharCode(parseInt(hex, 16));
            i += len;
          } else out += e;
        } else out += e;
        i += 2;
        runStart = i;
        continue;
      }
      i++;
    }
    this.pos = i;
    this.fail(`closing ${q} of a string`, undefined);
  }

  key(): string {
    const s = this.s;
    const c = s[this.pos];
    if (c === "'" || c === '"' || c === '`') return this.string();
    if (c === '[') {
      const close = s.indexOf(']', this.pos);
      if (close === -1) this.fail('`]` closing a symbol key', undefined);
      const k = s.slice(this.pos, close + 1);
      this.pos = close + 1;
      return k;
    }
    if (c !== undefined && (IDENT_START.test(c) || /\d/.test(c))) {
      const from = this.pos;
      while (this.pos < s.length && /[A-Za-z0-9_$.]/.test(s[this.pos])) this.pos++;
      return s.slice(from, this.pos);
    }
    this.fail('a key (identifier or quoted name)', undefined);
  }

  more(into: string[]): boolean {
    MORE_RE.lastIndex = this.pos;
    const m = MORE_RE.exec(this.s);
    if (!m) return false;
    into.push(m[0]);
    this.pos += m[0].length;
    return true;
  }

  object(path: string): InspectObject {
    const obj: InspectObject = { kind: 'object', entries: [], elided: [] };
    this.pos++; // {
    this.ws();
    const s = this.s;
    while (true) {
      if (s[this.pos] === '}') {
        this.pos++;
        return obj;
      }
      if (this.pos >= s.length) this.fail('`}` closing an object', obj);
      if (!this.more(obj.elided)) {
        let key: string;
        try {
          key = this.key();
        } catch (e) {
          if (e instanceof Stop) throw new Stop(e.problem, obj);
          throw e;
        }
        this.ws();
        if (s[this.pos] !== ':') this.fail('`:` after a key', obj);
        this.pos++;
        this.ws();
        let v: InspectValue;
        try {
          v = this.value(path ? `${path}.${key}` : key);
        } catch (e) {
          if (e instanceof Stop) {
            // Keep a nested partial object only if it is the value being read; the entry is
            // incomplete, so drop it.
            throw new Stop(e.problem, obj);
          }
          throw e;
        }
        obj.entries.push([key, v]);
      }
      this.ws();
      if (s[this.pos] === ',') {
        this.pos++;
        this.ws();
      } else if (s[this.pos] !== '}') this.fail('`,` or `}` in an object', obj);
    }
  }

  array(path: string): InspectValue[] {
    const arr: InspectValue[] = [];
    const elided: string[] = [];
    this.pos++; // [
    this.ws();
    const s = this.s;
    while (true) {
      if (s[this.pos] === ']') {
        this.pos++;
        for (const m of elided) arr.push(new Elided(m));
        return arr;
      }
      if (this.pos >= s.length) this.fail('`]` closing an array', arr);
      if (
        s.startsWith('<', this.pos) &&
        /^<\d+ empty items?>/.test(s.slice(this.pos, this.pos + 24))
      ) {
        const close = s.indexOf('>', this.pos);
        elided.push(s.slice(this.pos, close + 1));
        this.pos = close + 1;
      } else if (!this.more(elided)) {
        try {
          arr.push(this.value(path));
        } catch (e) {
          if (e instanceof Stop) throw new Stop(e.problem, arr);
          throw e;
        }
      }
      this.ws();
      if (s[this.pos] === ',') {
        this.pos++;
        this.ws();
      } else if (s[this.pos] !== ']') this.fail('`,` or `]` in an array', arr);
    }
  }
}

function toNumber(text: string): number {
  let t = text.replace(/_/g, '');
  if (t.endsWith('n')) t = t.slice(0, -1);
  if (t === 'NaN' || t === '-NaN') return NaN;
  if (t === 'Infinity') return Infinity;
  if (t === '-Infinity') return -Infinity;
  if (/^-?0[xX]/.test(t))
    return t.startsWith('-') ? -parseInt(t.slice(3), 16) : parseInt(t.slice(2), 16);
  return Number(t);
}

export function isInspectObject(v: InspectValue): v is InspectObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Elided);
}
