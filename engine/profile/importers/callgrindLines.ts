/**
 * The lines of a callgrind file (valgrind.org/docs/manual/cl-format.html) read into functions
 * with their self costs and the inclusive costs of their calls, one line at a time: header lines
 * (`events:`, `positions:`, `totals:`/`summary:`), position specs (`fl=`, `fn=`, `cfn=`, …,
 * through `callgrindNames.ts`), `calls=` whose next cost line is the call's inclusive cost, and
 * cost lines. Lines that are none of these are counted, not thrown on.
 */
import { CompressedNames } from './callgrindNames';
import type { CallgrindFn } from './callgrindTree';

export interface CallgrindLines {
  /** `events:` (empty when the file names none). */
  readonly events: string[];
  readonly positions: string[];
  readonly totals: number[] | undefined;
  /** By key (`name\0file`), in the order they first appear. */
  readonly fns: Map<string, CallgrindFn>;
  /** Lines that were not callgrind lines, and the 1-based number of the first. */
  readonly badLines: number;
  readonly firstBad: number;
  /** Whether any spec or cost line was seen (a file with neither and no events is not ours). */
  readonly sawBody: boolean;
}

export function readCallgrindLines(text: string): CallgrindLines {
  const r = new LineReader();
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) r.line(lines[i].replace(/\r$/, ''), i + 1);
  return r;
}

/** A cost line starts with a position: a digit, `+`, `-` or `*` (relative positions). */
function isCostLine(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d || c === 0x2a;
}

const add = (into: number[], costs: readonly number[]): void => {
  for (let i = 0; i < costs.length; i++) into[i] = (into[i] ?? 0) + costs[i];
};

class LineReader implements CallgrindLines {
  events: string[] = [];
  positions = ['line'];
  totals: number[] | undefined;
  readonly fns = new Map<string, CallgrindFn>();
  badLines = 0;
  firstBad = 0;
  sawBody = false;
  private readonly names = {
    file: new CompressedNames(),
    fn: new CompressedNames(),
    ob: new CompressedNames(),
  };
  private fl = '';
  /** The file of the code now being described: `fl`, or the inlined file of a `fi=`/`fe=`. */
  private current = '';
  private fnKey: string | undefined;
  private cfn: string | undefined;
  private cfile: string | undefined;
  /** A `calls=` line was read: the next cost line is the call's inclusive cost. */
  private pendingCall = false;
  /** A `jump=`/`jcnd=` line was read: the next line is its position, with no cost for us. */
  private skipNext = false;

  line(line: string, lineNo: number): void {
    if (line === '' || line.startsWith('#')) return;
    if (this.skipNext) {
      this.skipNext = false;
      return;
    }
    if (isCostLine(line.charCodeAt(0))) {
      this.sawBody = true;
      this.costLine(line, lineNo);
      return;
    }
    const eq = line.indexOf('=');
    const colon = line.indexOf(':');
    if (eq > 0 && (colon < 0 || eq < colon)) {
      this.sawBody = true;
      this.specLine(line.slice(0, eq), line.slice(eq + 1).trim(), lineNo);
    } else if (colon > 0)
      this.headerLine(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
    else this.bad(lineNo);
  }

  private bad(lineNo: number): void {
    if (this.badLines++ === 0) this.firstBad = lineNo;
  }

  private headerLine(key: string, value: string): void {
    if (key === 'events') this.events = value.split(/\s+/).filter(Boolean);
    else if (key === 'positions') this.positions = value.split(/\s+/).filter(Boolean);
    else if (key === 'totals' || key === 'summary') this.totals = value.split(/\s+/).map(Number);
  }

  private specLine(key: string, value: string, lineNo: number): void {
    switch (key) {
      case 'fl':
        this.fl = this.current = this.names.file.resolve(value);
        break;
      case 'fi':
      case 'fe':
        // Inlined code from another file: costs still belong to the current function, but a
        // call without `cfi=` goes to a function of this file.
        this.current = this.names.file.resolve(value);
        break;
      case 'fn':
        this.fnKey = this.fnOf(this.names.fn.resolve(value), this.fl).key;
        this.current = this.fl;
        break;
      case 'cfn':
        this.cfn = this.names.fn.resolve(value);
        break;
      case 'cfi':
      case 'cfl':
        this.cfile = this.names.file.resolve(value);
        break;
      case 'ob':
      case 'cob':
        this.names.ob.resolve(value);
        break;
      case 'calls':
        this.pendingCall = true;
        break;
      case 'jump':
      case 'jcnd':
        this.skipNext = true;
        break;
      default:
        this.bad(lineNo);
    }
  }

  /** `<position…> <cost…>`: the current function's self cost, or the pending call's cost. */
  private costLine(line: string, lineNo: number): void {
    const costs = this.costsOf(line);
    if (costs === undefined || this.fnKey === undefined) {
      this.bad(lineNo);
      this.pendingCall = false;
      return;
    }
    const caller = this.fns.get(this.fnKey)!;
    if (this.pendingCall) this.callCost(caller, costs);
    else add(caller.self, costs);
  }

  /** The costs after the positions; undefined when one is not a finite number ≥ 0. */
  private costsOf(line: string): number[] | undefined {
    const parts = line.trim().split(/\s+/);
    if (parts.length < this.positions.length) return undefined;
    const costs: number[] = [];
    for (let k = this.positions.length; k < parts.length; k++) {
      const v = Number(parts[k]);
      if (!Number.isFinite(v) || v < 0) return undefined;
      costs.push(v);
    }
    return costs;
  }

  /** The cost line after `calls=`: inclusive cost of the calls from `caller` to `cfn`. */
  private callCost(caller: CallgrindFn, costs: readonly number[]): void {
    const callee =
      this.cfn !== undefined ? this.fnOf(this.cfn, this.cfile ?? this.current) : undefined;
    if (callee !== undefined) {
      let acc = caller.calls.get(callee.key);
      if (!acc) caller.calls.set(callee.key, (acc = []));
      add(acc, costs);
    }
    this.pendingCall = false;
    this.cfn = undefined;
    this.cfile = undefined;
  }

  private fnOf(name: string, file: string): CallgrindFn {
    const key = `${name}\u0000${file}`;
    let f = this.fns.get(key);
    if (!f) this.fns.set(key, (f = { key, name, file, self: [], calls: new Map() }));
    return f;
  }
}
