/**
 * Counters matched to the functions of one source file, in this order: an explicit mapping
 * (`perflens.counterMap`); the call site (the named function whose body records the counter by
 * that literal name or template); the name (`A.f` → method `f` of `A`, `f.blocks` → `f`). A
 * counter matched by one step is not matched again by a later one. Every match says why; a counter
 * recorded by several functions, or whose name fits several, says so instead of guessing.
 *
 * A counter recorded by several functions is one number for all of them: it goes to one lens only
 * when CPU settles it — exactly one of the recorders has samples in the profile, so the others
 * never ran. Otherwise it is listed in each recorder's hover as ambiguous. A name match by a
 * bare function name (`wallet.send` → some `send`) must agree with the owner the name gives
 * (`wallet`: the file's name, or the function's class or object), or it is ambiguous too.
 */
import { callSiteRecords, type SourceFunction } from '../source/sourceFunctions';
import type { CounterFacts } from './counterFacts';
import { baseName } from './paths';

/**
 * Why a counter several functions could own is, or is not, this function's: `cpu-here` (the other
 * recorders have no CPU samples), `cpu-elsewhere` (only `to` has samples), `cpu-unsettled`
 * (`sampled` recorders have samples, 0 or several; undefined without a profile),
 * `owner-mismatch` (the name's `prefix` names neither the file nor the function's owner).
 */
export type Settlement =
  | { readonly kind: 'cpu-here' }
  | { readonly kind: 'cpu-elsewhere'; readonly to: string }
  | { readonly kind: 'cpu-unsettled'; readonly sampled?: number }
  | { readonly kind: 'owner-mismatch'; readonly prefix: string };

/** Another parsed file's function that records a counter. */
export interface Recorder {
  /** `putEntries (b.ts:39)`. */
  readonly label: string;
  /** Whether it has CPU samples in the loaded profile; undefined when unknown (no profile). */
  readonly sampled?: boolean;
}

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
  /** Set when several functions could own the counter: how that was, or was not, decided. */
  readonly settlement?: Settlement;
}

export interface CounterMatchInput {
  readonly functions: readonly SourceFunction[];
  readonly counters?: readonly CounterFacts[];
  /** `perflens.counterMap`: counter name → `Owner::fn`, `Owner.fn` or `fn`. */
  readonly counterMap?: Readonly<Record<string, string>>;
  /** Where else (other parsed files) a counter is recorded. */
  readonly recordedElsewhere?: (counter: string) => readonly Recorder[];
  /**
   * Whether the function at an index has CPU samples (its callbacks' included); undefined when no
   * profile is loaded.
   */
  readonly sampled?: (index: number) => boolean;
  /** The file's path (its name is an owner a counter name may give). */
  readonly path?: string;
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

interface Site {
  readonly i: number;
  readonly line: number;
  readonly callee: string;
}

/** Which function records each counter: call sites of the named functions, by counter name. */
function recordersOf(
  input: CounterMatchInput,
  named: Named,
  done: ReadonlySet<string>,
): Map<string, Site[]> {
  const counters = input.counters ?? [];
  const byName = new Map(counters.map((c) => [c.name, c] as const));
  const recorders = new Map<string, Site[]>();
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
  return recorders;
}

/**
 * A counter several functions record: to the one with CPU samples when it is the only one, else
 * ambiguous on each recorder of this file.
 */
function settleShared(
  input: CounterMatchInput,
  counter: CounterFacts,
  list: readonly Site[],
  elsewhere: readonly Recorder[],
  out: CounterMatches,
): void {
  const { functions, sampled } = input;
  const label = (i: number): string => `${functionLabel(functions[i])} (line ${functions[i].line})`;
  const others = (r: Site): string[] => [
    ...list.filter((o) => o.i !== r.i).map((o) => label(o.i)),
    ...elsewhere.map((e) => e.label),
  ];
  const match = (r: Site, settlement?: Settlement): CounterMatch => ({
    counter,
    reason: { kind: 'call-site', line: r.line, callee: r.callee },
    sharedWith: others(r),
    ...(settlement ? { settlement } : {}),
  });
  if (list.length === 1 && elsewhere.length === 0) {
    push(out.matches, list[0].i, match(list[0]));
    return;
  }
  const known = sampled !== undefined && elsewhere.every((e) => e.sampled !== undefined);
  const here = sampled ? list.filter((r) => sampled(r.i)) : [];
  const there = elsewhere.filter((e) => e.sampled === true);
  const count = known ? here.length + there.length : undefined;
  if (count === 1 && here.length === 1) {
    const winner = here[0];
    push(out.matches, winner.i, match(winner, { kind: 'cpu-here' }));
    for (const r of list)
      if (r !== winner)
        push(out.ambiguous, r.i, match(r, { kind: 'cpu-elsewhere', to: label(winner.i) }));
  } else if (count === 1)
    for (const r of list)
      push(out.ambiguous, r.i, match(r, { kind: 'cpu-elsewhere', to: there[0].label }));
  else
    for (const r of list)
      push(
        out.ambiguous,
        r.i,
        match(r, { kind: 'cpu-unsettled', ...(count !== undefined ? { sampled: count } : {}) }),
      );
}

/** 2. Call sites: the functions whose bodies record the counter. */
function matchByCallSite(
  input: CounterMatchInput,
  named: Named,
  out: CounterMatches,
  done: Set<string>,
): void {
  const byName = new Map((input.counters ?? []).map((c) => [c.name, c] as const));
  for (const [name, list] of recordersOf(input, named, done)) {
    settleShared(input, byName.get(name)!, list, input.recordedElsewhere?.(name) ?? [], out);
    done.add(name);
  }
}

/**
 * The functions a counter's name fits, by its earliest segment that names any; `prefix` is the
 * segment before a bare function name (`wallet` of `wallet.send` fitting some `send`).
 */
function nameHits(counter: CounterFacts, named: Named): { hits: Named; prefix?: string } {
  const segs = counter.name.split('.').filter((s) => s !== '');
  for (let k = 0; k < segs.length; k++) {
    const owner = k > 0 ? segs[k - 1] : undefined;
    const withOwner = owner ? named.filter(({ f }) => f.name === segs[k] && f.owner === owner) : [];
    if (withOwner.length > 0) return { hits: withOwner };
    // A bare segment names a function only when it is the counter's first
    // (`fetchCarFromIpfs.blocks`) or follows an owner's prefix (`orbitdb.putEntry`); `.calls` /
    // `.bytes` suffixes never do.
    const bare = k <= 1 ? named.filter(({ f }) => f.name === segs[k]) : [];
    if (bare.length > 0) return { hits: bare, ...(owner ? { prefix: owner } : {}) };
  }
  return { hits: [] };
}

/** `OrbitDbAdapter`, `orbitdb-adapter` → `orbit`, `orbitdb`, `orbitdbadapter`: lead words joined. */
function leadingWords(name: string): string[] {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[\s_\-.]+/)
    .filter((w) => w !== '')
    .map((w) => w.toLowerCase());
  return words.map((_, k) => words.slice(0, k + 1).join(''));
}

/**
 * Whether a counter name's prefix names the function's owner: the file (`wallet` → `wallet.ts`,
 * `orbitdb` → `orbitdb-adapter.ts`) or its class or object (`orbitdb` → `OrbitDbAdapter`).
 */
function ownerAgrees(prefix: string, fn: SourceFunction, path: string | undefined): boolean {
  const p = prefix.toLowerCase().replace(/[_-]/g, '');
  const file = path !== undefined ? baseName(path).replace(/\.[^.]+$/, '') : undefined;
  return [file, fn.owner].some((n) => n !== undefined && leadingWords(n).includes(p));
}

function labelsBut(hits: Named, i: number): string[] {
  return hits.filter((o) => o.i !== i).map((o) => `${functionLabel(o.f)} (line ${o.f.line})`);
}

/**
 * 3. Names, for counters no known call site records; several fits are ambiguous, and so is a
 * bare name whose prefix names neither the file nor the function's owner.
 */
function matchByName(
  input: CounterMatchInput,
  named: Named,
  out: CounterMatches,
  done: ReadonlySet<string>,
): void {
  for (const counter of input.counters ?? []) {
    if (done.has(counter.name) || (input.recordedElsewhere?.(counter.name).length ?? 0) > 0)
      continue;
    const { hits: fits, prefix } = nameHits(counter, named);
    const hits =
      prefix === undefined ? fits : fits.filter(({ f }) => ownerAgrees(prefix, f, input.path));
    if (prefix !== undefined)
      for (const h of fits)
        if (!hits.includes(h))
          push(out.ambiguous, h.i, {
            counter,
            reason: { kind: 'name' },
            sharedWith: [],
            settlement: { kind: 'owner-mismatch', prefix },
          });
    if (hits.length === 1)
      push(out.matches, hits[0].i, { counter, reason: { kind: 'name' }, sharedWith: [] });
    else
      for (const h of hits)
        push(out.ambiguous, h.i, {
          counter,
          reason: { kind: 'name' },
          sharedWith: labelsBut(hits, h.i),
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
