/**
 * Counters matched to the functions of one source file, in this order: an explicit mapping
 * (`perflens.counterMap`); the call site (the named function whose body records the counter by
 * that literal name or template); the name (`A.f` → method `f` of `A`, `f.blocks` → `f`). A
 * counter matched by one step is not matched again by a later one. Every match says why; a counter
 * recorded by several functions, or whose name fits several, says so instead of guessing.
 */
import { callSiteRecords, type SourceFunction } from '../source/sourceFunctions';
import type { CounterFacts } from './counterFacts';

export type MatchReason =
  | { readonly kind: 'setting' }
  | { readonly kind: 'call-site'; readonly line: number; readonly callee: string }
  | { readonly kind: 'name' };

export interface CounterMatch {
  readonly counter: CounterFacts;
  readonly reason: MatchReason;
  /**
   * Other functions that also record this counter, or also fit its name: the numbers are not this
   * function's alone.
   */
  readonly sharedWith: readonly string[];
}

export interface CounterMatchInput {
  readonly functions: readonly SourceFunction[];
  readonly counters?: readonly CounterFacts[];
  /** `perflens.counterMap`: counter name → `Owner::fn`, `Owner.fn` or `fn`. */
  readonly counterMap?: Readonly<Record<string, string>>;
  /**
   * Where else (other parsed files) a counter is recorded: labels like `putEntries (src/b.ts:39)`.
   */
  readonly recordedElsewhere?: (counter: string) => readonly string[];
}

/** Matches by function index: those the lens shows, and those that fit several functions. */
export interface CounterMatches {
  readonly matches: Map<number, CounterMatch[]>;
  readonly ambiguous: Map<number, CounterMatch[]>;
}

/** `Owner.fn` / `Owner::fn` / `fn` for messages. */
export function functionLabel(fn: SourceFunction): string {
  return fn.owner ? `${fn.owner}.${fn.name}` : fn.name;
}

type Named = readonly { readonly f: SourceFunction; readonly i: number }[];

function push(m: Map<number, CounterMatch[]>, i: number, c: CounterMatch): void {
  const l = m.get(i);
  if (l) l.push(c);
  else m.set(i, [c]);
}

/** Splits `Owner::fn` / `Owner.fn` / `fn` (the counterMap target form). */
function parseTarget(target: string): { owner?: string; name: string } {
  const parts = target.split(/::|\./).filter((s) => s !== '');
  const name = parts.pop() ?? target;
  return parts.length ? { owner: parts[parts.length - 1], name } : { name };
}

/** 1. Explicit mappings (`perflens.counterMap`). */
function matchBySetting(
  input: CounterMatchInput,
  named: Named,
  out: CounterMatches,
  done: Set<string>,
): void {
  const counters = input.counters ?? [];
  for (const [counterName, target] of Object.entries(input.counterMap ?? {})) {
    const counter = counters.find((c) => c.name === counterName);
    if (!counter || typeof target !== 'string') continue;
    const t = parseTarget(target);
    const hits = named.filter(
      ({ f }) => f.name === t.name && (t.owner === undefined || f.owner === t.owner),
    );
    for (const { i } of hits)
      push(out.matches, i, {
        counter,
        reason: { kind: 'setting' },
        sharedWith: hits
          .filter((h) => h.i !== i)
          .map((h) => `${functionLabel(h.f)} (line ${h.f.line})`),
      });
    done.add(counterName);
  }
}

/** 2. Call sites: the functions whose bodies record the counter. */
function matchByCallSite(
  input: CounterMatchInput,
  named: Named,
  out: CounterMatches,
  done: Set<string>,
): void {
  const { functions } = input;
  const counters = input.counters ?? [];
  const byName = new Map(counters.map((c) => [c.name, c] as const));
  const recorders = new Map<string, { i: number; line: number; callee: string }[]>();
  for (const { f, i } of named) {
    for (const site of f.counterCalls) {
      const hit = site.pattern
        ? counters.filter((c) => callSiteRecords(site, c.name))
        : byName.has(site.name)
          ? [byName.get(site.name)!]
          : [];
      for (const c of hit) {
        if (done.has(c.name)) continue;
        const l = recorders.get(c.name) ?? [];
        if (!l.some((r) => r.i === i)) l.push({ i, line: site.line, callee: site.callee });
        recorders.set(c.name, l);
      }
    }
  }
  for (const [name, list] of recorders) {
    const counter = byName.get(name)!;
    const elsewhere = input.recordedElsewhere?.(name) ?? [];
    for (const r of list)
      push(out.matches, r.i, {
        counter,
        reason: { kind: 'call-site', line: r.line, callee: r.callee },
        sharedWith: [
          ...list
            .filter((o) => o.i !== r.i)
            .map((o) => `${functionLabel(functions[o.i])} (line ${functions[o.i].line})`),
          ...elsewhere,
        ],
      });
    done.add(name);
  }
}

/** The functions a counter's name fits, by its earliest segment that names any. */
function nameHits(counter: CounterFacts, named: Named): Named {
  const segs = counter.name.split('.').filter((s) => s !== '');
  let hits: Named = [];
  for (let k = 0; k < segs.length && hits.length === 0; k++) {
    const owner = k > 0 ? segs[k - 1] : undefined;
    const withOwner = owner ? named.filter(({ f }) => f.name === segs[k] && f.owner === owner) : [];
    // A bare segment names a function only when it is the counter's first
    // (`fetchCarFromIpfs.blocks`) or follows a module prefix (`orbitdb.putEntry`); `.calls` /
    // `.bytes` suffixes never do.
    const bare = k <= 1 ? named.filter(({ f }) => f.name === segs[k]) : [];
    hits = withOwner.length > 0 ? withOwner : bare;
  }
  return hits;
}

/** 3. Names, for counters no known call site records; several fits are ambiguous. */
function matchByName(
  input: CounterMatchInput,
  named: Named,
  out: CounterMatches,
  done: ReadonlySet<string>,
): void {
  for (const counter of input.counters ?? []) {
    if (done.has(counter.name) || (input.recordedElsewhere?.(counter.name).length ?? 0) > 0)
      continue;
    const hits = nameHits(counter, named);
    if (hits.length === 1)
      push(out.matches, hits[0].i, { counter, reason: { kind: 'name' }, sharedWith: [] });
    else
      for (const h of hits)
        push(out.ambiguous, h.i, {
          counter,
          reason: { kind: 'name' },
          sharedWith: hits
            .filter((o) => o.i !== h.i)
            .map((o) => `${functionLabel(o.f)} (line ${o.f.line})`),
        });
  }
}

export function matchCounters(input: CounterMatchInput): CounterMatches {
  const out: CounterMatches = { matches: new Map(), ambiguous: new Map() };
  const named = input.functions.map((f, i) => ({ f, i })).filter(({ f }) => !f.anonymous);
  /** Counters already matched by an earlier step. */
  const done = new Set<string>();
  matchBySetting(input, named, out, done);
  matchByCallSite(input, named, out, done);
  matchByName(input, named, out, done);
  return out;
}
