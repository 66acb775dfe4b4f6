/**
 * Measurements matched to the functions of one source file: what each lens and hover says.
 *
 * CPU: JavaScript/TypeScript frames by file (normalised; the longest trailing-segment match for a
 * profile recorded in another checkout) and position — the innermost function whose span holds
 * the frame's line and column, so a callback's frame stays the callback's and never lands on its
 * parent. Rust frames by qualified name: function name, `impl` owner, trait, and module path
 * (the file's module from its path under `src/`, plus inline `mod` blocks).
 *
 * A function's total holds its anonymous callbacks' CPU, each sample once (`unionTotals.ts`): after
 * an `await` a callback runs without its function on the stack, yet its cost is the function's.
 *
 * Counters by mapping, call site or name (`matchCounters.ts`); every match says why, and a counter
 * that fits several functions says so instead of guessing (CPU settles one recorded by several
 * functions when only one of them has samples).
 */
import type { SourceFunction, SourceLanguage } from '../source/sourceFunctions';
import type { CostGroup, InlineCosts, ProcessCost } from './costGroups';
import { baseName, bestSuffixMatch } from './paths';

import type { CounterFacts } from './counterFacts';
import { matchCounters, type CounterMatch, type Recorder } from './matchCounters';
import { unionTotal } from './unionTotals';
export type { CounterFacts } from './counterFacts';
export {
  functionLabel,
  type CounterMatch,
  type MatchReason,
  type Recorder,
  type Settlement,
} from './matchCounters';

export interface CpuMeasure {
  readonly groups: readonly number[];
  readonly self: number;
  readonly total: number;
  readonly selfSamples: number;
  readonly totalSamples: number;
  /** Shares of every process's CPU weight summed, 0–100. */
  readonly selfPct: number;
  readonly totalPct: number;
  readonly perProcess: readonly ProcessCost[];
  /**
   * Set when the total holds anonymous callbacks' CPU (each sample once): the function's own
   * frames' total, without them.
   */
  readonly own?: {
    readonly total: number;
    readonly totalSamples: number;
    readonly totalPct: number;
  };
}

export interface FunctionMeasure {
  /** Index into the file's function list. */
  readonly index: number;
  readonly fn: SourceFunction;
  readonly cpu?: CpuMeasure;
  /** Matched counters, timers by total time first. */
  readonly counters: readonly CounterMatch[];
  /**
   * Counters that could be this function's but are not told apart (recorded by several functions
   * and not settled by CPU, a name that fits several, a name whose prefix names another owner):
   * listed in the hover with why (`settlement`), never in the lens.
   */
  readonly ambiguous: readonly CounterMatch[];
  /**
   * Anonymous functions (callbacks) inside it that have CPU samples of their own (already in its
   * `cpu.total`).
   */
  readonly callbacks: readonly { readonly line: number; readonly cpu: CpuMeasure }[];
}

export interface MatchInput {
  /** The file's path, normalised the way the costs' files are (see `paths.ts`). */
  readonly path: string;
  readonly language: SourceLanguage;
  readonly functions: readonly SourceFunction[];
  readonly costs?: InlineCosts;
  readonly counters?: readonly CounterFacts[];
  /** `perflens.counterMap`: counter name → `Owner::fn`, `Owner.fn` or `fn`. */
  readonly counterMap?: Readonly<Record<string, string>>;
  /** Where else (other parsed files) a counter is recorded, and whether that function ran. */
  readonly recordedElsewhere?: (counter: string) => readonly Recorder[];
}

export interface FileMatch {
  /** The profile file the path was matched to (JavaScript), when not the path itself. */
  readonly profileFile?: string;
  readonly measures: readonly FunctionMeasure[];
}

/**
 * Rust module of a file from its path: `…/src/gossip/pubsub.rs` and `…/src/gossip/pubsub/mod.rs` →
 * `gossip::pubsub`.
 */
export function rustModuleOfPath(path: string): { segments: string[]; rooted: boolean } {
  const segs = path.split('/').filter((s) => s !== '');
  const src = segs.lastIndexOf('src');
  const rel = src >= 0 ? segs.slice(src + 1) : segs.slice(-1);
  const file = (rel.pop() ?? '').replace(/\.rs$/i, '');
  if (file !== 'mod' && !(rel.length === 0 && (file === 'lib' || file === 'main'))) rel.push(file);
  return { segments: rel, rooted: src >= 0 };
}

/**
 * For each line, the functions whose span covers it (built once per match: spans × nesting depth
 * entries).
 */
function functionsByLine(functions: readonly SourceFunction[]): Map<number, number[]> {
  const byLine = new Map<number, number[]>();
  functions.forEach((f, i) => {
    for (let l = f.line; l <= f.endLine; l++) {
      const list = byLine.get(l);
      if (list) list.push(i);
      else byLine.set(l, [i]);
    }
  });
  return byLine;
}

function innermostAt(
  functions: readonly SourceFunction[],
  byLine: ReadonlyMap<number, readonly number[]>,
  line: number,
  column: number | undefined,
): number {
  let best = -1;
  let bestSpan = Infinity;
  const candidates = byLine.get(line) ?? [];
  for (const i of candidates) {
    const f = functions[i];
    const col = column ?? f.column;
    if (line === f.line && col < f.column && column !== undefined) continue;
    if (line === f.endLine && col >= f.endColumn) continue;
    const span = (f.endLine - f.line) * 10_000 + (f.endColumn - f.column);
    if (span < bestSpan) {
      best = i;
      bestSpan = span;
    }
  }
  if (best >= 0) return best;
  // Source maps sometimes put a function's position just before its first token: same line wins.
  for (const i of candidates) if (functions[i].line === line) return i;
  return -1;
}

function sumGroups(groups: readonly CostGroup[], costs: InlineCosts): CpuMeasure {
  const perProcess = new Map<
    string,
    { self: number; total: number; selfSamples: number; totalSamples: number; totalPct: number }
  >();
  let self = 0;
  let total = 0;
  let selfSamples = 0;
  let totalSamples = 0;
  for (const g of groups) {
    self += g.self;
    total += g.total;
    selfSamples += g.selfSamples;
    totalSamples += g.totalSamples;
    for (const p of g.perProcess) {
      const e = perProcess.get(p.process);
      if (e) {
        e.self += p.self;
        e.total += p.total;
        e.selfSamples += p.selfSamples;
        e.totalSamples += p.totalSamples;
        e.totalPct += p.totalPct;
      } else perProcess.set(p.process, { ...p });
    }
  }
  const pct = (x: number): number => (costs.totalWeight > 0 ? (x / costs.totalWeight) * 100 : 0);
  return {
    groups: groups.map((g) => g.id),
    self,
    total,
    selfSamples,
    totalSamples,
    selfPct: pct(self),
    totalPct: pct(total),
    perProcess: [...perProcess]
      .map(([process, p]) => ({ process, ...p }))
      .sort((a, b) => b.total - a.total),
  };
}

/** CPU groups per function index. */
function cpuGroups(input: MatchInput): {
  byFunction: Map<number, CostGroup[]>;
  profileFile?: string;
} {
  const byFunction = new Map<number, CostGroup[]>();
  const costs = input.costs;
  if (!costs) return { byFunction };
  const add = (i: number, g: CostGroup): void => {
    const l = byFunction.get(i);
    if (l) l.push(g);
    else byFunction.set(i, [g]);
  };
  if (input.language === 'typescript') {
    const profileFile = bestSuffixMatch(
      input.path,
      costs.filesByBaseName.get(baseName(input.path)) ?? [],
    );
    if (!profileFile) return { byFunction };
    const byLine = functionsByLine(input.functions);
    for (const id of costs.groupsByFile.get(profileFile) ?? []) {
      const g = costs.groups[id];
      const i = innermostAt(input.functions, byLine, g.line!, g.column);
      if (i >= 0) add(i, g);
    }
    return { byFunction, ...(profileFile !== input.path ? { profileFile } : {}) };
  }
  const { segments: fileModule, rooted } = rustModuleOfPath(input.path);
  input.functions.forEach((fn, i) => {
    if (fn.anonymous) return;
    const expected = [...fileModule, ...(fn.module ? fn.module.split('::') : [])];
    const modulesFit = (modulePath: string): boolean => {
      const segs = modulePath === '' ? [] : modulePath.split('::');
      // The first segment is the crate (`x0x::gossip::pubsub`); a binary's frames may omit it.
      const rest = segs.length - expected.length;
      if (rest < 0 || rest > 1 || (!rooted && rest !== 0 && expected.length === 0)) return false;
      return expected.every((s, k) => segs[rest + k] === s);
    };
    for (const id of costs.nativeByName.get(fn.name) ?? []) {
      const n = costs.groups[id].native!;
      if ((n.owner ?? '') !== (fn.owner ?? '') || !modulesFit(n.modulePath)) continue;
      if (n.trait !== undefined ? n.trait !== fn.trait : fn.trait !== undefined) {
        // `Owner::f` without a trait: an inherent method; a trait method only when no inherent `f`
        // exists.
        const inherent = input.functions.some(
          (o) =>
            !o.anonymous && o.name === fn.name && o.owner === fn.owner && o.trait === undefined,
        );
        if (n.trait !== undefined || inherent) continue;
      }
      add(i, costs.groups[id]);
    }
  });
  return { byFunction };
}

interface Callback {
  readonly line: number;
  readonly groups: readonly CostGroup[];
}

/**
 * Anonymous functions with samples, under their nearest named ancestor (one pass, not one per
 * function).
 */
function callbacksByFunction(
  functions: readonly SourceFunction[],
  byFunction: ReadonlyMap<number, readonly CostGroup[]>,
): Map<number, Callback[]> {
  const callbacksOf = new Map<number, Callback[]>();
  functions.forEach((inner, j) => {
    const groups = byFunction.get(j);
    if (!inner.anonymous || !groups) return;
    let p = inner.parent;
    while (p !== undefined && functions[p].anonymous) p = functions[p].parent;
    if (p === undefined) return;
    const list = callbacksOf.get(p) ?? [];
    list.push({ line: inner.line, groups });
    callbacksOf.set(p, list);
  });
  return callbacksOf;
}

/**
 * A function's CPU with its callbacks' folded into the total, each sample once: its self stays
 * its own frames' (a callback's self time is the callback's).
 */
function withCallbacks(
  own: readonly CostGroup[],
  callbacks: readonly Callback[],
  costs: InlineCosts,
): CpuMeasure {
  const mine = sumGroups(own, costs);
  if (callbacks.length === 0) return mine;
  const ids = new Set([...own, ...callbacks.flatMap((c) => c.groups)].map((g) => g.id));
  const union = unionTotal(costs.trees, ids);
  const selfOf = new Map(mine.perProcess.map((p) => [p.process, p] as const));
  return {
    ...mine,
    total: union.total,
    totalSamples: union.totalSamples,
    totalPct: costs.totalWeight > 0 ? (union.total / costs.totalWeight) * 100 : 0,
    perProcess: union.perProcess
      .map((p) => ({
        ...p,
        self: selfOf.get(p.process)?.self ?? 0,
        selfSamples: selfOf.get(p.process)?.selfSamples ?? 0,
      }))
      .sort((a, b) => b.total - a.total),
    own: { total: mine.total, totalSamples: mine.totalSamples, totalPct: mine.totalPct },
  };
}

/** Each function's CPU (named ones with their callbacks folded in) and its callbacks' own. */
function cpuMeasures(
  input: MatchInput,
  byFunction: ReadonlyMap<number, readonly CostGroup[]>,
): {
  cpuOf: Map<number, CpuMeasure>;
  callbacksOf: Map<number, { line: number; cpu: CpuMeasure }[]>;
} {
  const cpuOf = new Map<number, CpuMeasure>();
  const callbacksOf = new Map<number, { line: number; cpu: CpuMeasure }[]>();
  const costs = input.costs;
  if (!costs) return { cpuOf, callbacksOf };
  const callbacks = callbacksByFunction(input.functions, byFunction);
  input.functions.forEach((fn, i) => {
    const own = byFunction.get(i) ?? [];
    const cbs = fn.anonymous ? [] : (callbacks.get(i) ?? []);
    if (own.length > 0 || cbs.length > 0) cpuOf.set(i, withCallbacks(own, cbs, costs));
    if (cbs.length > 0)
      callbacksOf.set(
        i,
        cbs.map((c) => ({ line: c.line, cpu: sumGroups(c.groups, costs) })),
      );
  });
  return { cpuOf, callbacksOf };
}

function byTimeThenCount(a: CounterMatch, b: CounterMatch): number {
  if (a.counter.kind !== b.counter.kind) return a.counter.kind === 'timer' ? -1 : 1;
  return b.counter.totalMs - a.counter.totalMs || b.counter.count - a.counter.count;
}

/**
 * The functions of a file with CPU samples (their callbacks' included): for a counter another
 * file's function records too, whether that one ran.
 */
export function sampledFunctions(input: MatchInput): ReadonlySet<number> {
  const { cpuOf } = cpuMeasures(input, cpuGroups(input).byFunction);
  return new Set([...cpuOf].filter(([, c]) => hasSamples(c)).map(([i]) => i));
}

function hasSamples(c: CpuMeasure | undefined): boolean {
  return c !== undefined && (c.totalSamples > 0 || c.total > 0);
}

export function matchFunctions(input: MatchInput): FileMatch {
  const { functions, costs } = input;
  const { byFunction, profileFile } = cpuGroups(input);
  const { cpuOf, callbacksOf } = cpuMeasures(input, byFunction);
  const { matches, ambiguous } = matchCounters({
    ...input,
    ...(costs
      ? {
          sampled: (i: number) => hasSamples(cpuOf.get(i)),
        }
      : {}),
  });
  const measures: FunctionMeasure[] = [];
  functions.forEach((fn, index) => {
    const cpu = cpuOf.get(index);
    const callbacks = callbacksOf.get(index) ?? [];
    const counterMatches = (matches.get(index) ?? []).sort(byTimeThenCount);
    const amb = (ambiguous.get(index) ?? []).sort(byTimeThenCount);
    if (!cpu && counterMatches.length === 0 && amb.length === 0 && callbacks.length === 0) return;
    measures.push({
      index,
      fn,
      ...(cpu ? { cpu } : {}),
      counters: counterMatches,
      ambiguous: amb,
      callbacks,
    });
  });
  return { ...(profileFile ? { profileFile } : {}), measures };
}
