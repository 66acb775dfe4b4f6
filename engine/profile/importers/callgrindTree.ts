/**
 * A call tree from a callgrind call graph, for one event.
 *
 * A call graph gives each function's self cost and, per call arc, the inclusive cost of all calls
 * along it. Recursion makes those arcs overlap: the arc `fib'2 → fib'2` holds the nested
 * activations, whose cost is also in `fib'2`'s own self and calls, and the arcs of a cycle
 * `is_even'2 ⇄ is_odd'2` hold each other. Summing arcs into a function, as `callgrind_annotate
 * --inclusive=yes` does, counts the nested activations again (192 % for a recursive `fib'2`).
 *
 * So the graph is condensed into its strongly connected components (Tarjan), which form a DAG. A
 * component's cost per entry is exact: the self costs of its members plus its calls out of it
 * (every cost inside the component is one of these, once). The tree is built from the roots by
 * splitting each node's weight among its callees in proportion to the arcs (the one assumption:
 * every call of a function splits like the whole run did); a component entered at member `m` is
 * laid out as a depth-first spanning tree from `m` (each member once per entry, arcs back into the
 * path dropped), each member carrying its self cost and calls out scaled by `weight / cost of the
 * component`. Hence, summed over the tree:
 * - every function's self cost is the file's exactly, and the tree's total is the sum of all;
 * - the inclusive cost of a function outside cycles, of a directly recursive one, and of the only
 *   member through which its cycle is entered, is exact (the sum of arcs into it from outside);
 * - the inclusive cost of another member of a cycle is not determined by a call graph: it is this
 *   layout's estimate, and the importer says so (`estimated`).
 */
import { ProfileBuilder } from '../builder';

export interface CallgrindFn {
  readonly key: string;
  readonly name: string;
  readonly file: string;
  readonly self: number[];
  /** callee key → inclusive cost of all calls to it from here, per event. */
  readonly calls: Map<string, number[]>;
}

export interface CallTreeResult {
  /**
   * Functions whose inclusive cost is an estimate (members of a cycle other than its one entry).
   */
  readonly estimated: CallgrindFn[];
  /** True when the node limit cut the tree (the rest is shown in the callers' self). */
  readonly capped: boolean;
}

/** Strongly connected components (Tarjan, iterative: call graphs can be deep). */
export function components(fns: Map<string, CallgrindFn>): Map<string, number> {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const comp = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  let next = 0;
  let comps = 0;
  for (const start of fns.keys()) {
    if (index.has(start)) continue;
    const work: Array<{ key: string; callees: string[]; i: number }> = [];
    const open = (key: string): void => {
      index.set(key, next);
      low.set(key, next++);
      stack.push(key);
      onStack.add(key);
      const callees = [...(fns.get(key)?.calls.keys() ?? [])].filter((k) => fns.has(k));
      work.push({ key, callees, i: 0 });
    };
    open(start);
    while (work.length > 0) {
      const top = work[work.length - 1];
      if (top.i < top.callees.length) {
        const c = top.callees[top.i++];
        if (!index.has(c)) open(c);
        else if (onStack.has(c)) low.set(top.key, Math.min(low.get(top.key)!, index.get(c)!));
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1].key;
        low.set(parent, Math.min(low.get(parent)!, low.get(top.key)!));
      }
      if (low.get(top.key) === index.get(top.key)) {
        let k: string;
        do {
          k = stack.pop()!;
          onStack.delete(k);
          comp.set(k, comps);
        } while (k !== top.key);
        comps++;
      }
    }
  }
  return comp;
}

/** Builds the call tree of event `e` into `b`; `frame` gives a function's frame id. */
export function buildCallTree(
  fns: Map<string, CallgrindFn>,
  e: number,
  b: ProfileBuilder,
  frame: (f: CallgrindFn) => number,
  maxNodes: number,
): CallTreeResult {
  const comp = components(fns);
  const cost = (c: number[] | undefined): number => c?.[e] ?? 0;
  // Per component: its cost per entry (members' self + calls out), its members, and which
  // members are entered from outside.
  const compCost = new Map<number, number>();
  const members = new Map<number, CallgrindFn[]>();
  const entries = new Map<number, Set<string>>();
  for (const f of fns.values()) {
    const c = comp.get(f.key)!;
    let v = cost(f.self);
    for (const [callee, arc] of f.calls) {
      const cc = comp.get(callee);
      if (cc === c) continue;
      v += cost(arc);
      if (cc !== undefined && cost(arc) > 0) {
        let s = entries.get(cc);
        if (!s) entries.set(cc, (s = new Set()));
        s.add(callee);
      }
    }
    compCost.set(c, (compCost.get(c) ?? 0) + v);
    let m = members.get(c);
    if (!m) members.set(c, (m = []));
    m.push(f);
  }
  const estimated: CallgrindFn[] = [];
  for (const [c, ms] of members) {
    if (ms.length < 2) continue;
    const entered = entries.get(c);
    for (const m of ms)
      if (!(entered?.size === 1 && entered.has(m.key)) && !(!entered && m === ms[0]))
        estimated.push(m);
  }

  let nodes = 0;
  let capped = false;
  // One depth-first walk. A visit is one member of one component entry: `weight / total` turns
  // the member's costs into this entry's share (multiplied first, so a whole entry stays an exact
  // integer); `placed` holds the members already laid out in it.
  interface Visit {
    f: CallgrindFn;
    node: number;
    weight: number;
    total: number;
    placed: Set<string>;
    next: number;
    callees: [string, number[]][];
  }
  const stack: Visit[] = [];
  const visit = (
    f: CallgrindFn,
    parent: number,
    weight: number,
    total: number,
    placed: Set<string>,
  ): Visit | undefined => {
    if (nodes >= maxNodes) {
      capped = true;
      return undefined;
    }
    nodes++;
    placed.add(f.key);
    const node = b.node(parent, frame(f));
    const self = (cost(f.self) * weight) / total;
    if (self > 0) b.sample(node, self);
    const callees = [...f.calls.entries()].sort((x, y) => cost(y[1]) - cost(x[1]));
    return { f, node, weight, total, placed, next: 0, callees };
  };
  /** Enters `f`'s component at `f` with `weight`; undefined when nothing to show or capped. */
  const enter = (f: CallgrindFn, weight: number, parent: number): Visit | undefined => {
    const total = compCost.get(comp.get(f.key)!) ?? 0;
    if (weight <= 0 || total <= 0) return undefined;
    return visit(f, parent, weight, total, new Set());
  };
  const enteredFromOutside = new Set(
    [...entries.values()].flatMap((s) => [...s].map((k) => comp.get(k)!)),
  );
  const roots: CallgrindFn[] = [];
  for (const [c, ms] of members) if (!enteredFromOutside.has(c)) roots.push(ms[0]);
  for (const r of roots) {
    const v = enter(r, compCost.get(comp.get(r.key)!) ?? 0, -1);
    if (!v) continue;
    stack.push(v);
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      if (top.next >= top.callees.length) {
        stack.pop();
        continue;
      }
      const [key, arc] = top.callees[top.next++];
      const callee = fns.get(key);
      if (!callee) continue;
      let child: Visit | undefined;
      let weight = 0;
      if (comp.get(key) === comp.get(top.f.key)) {
        // Inside the component: lay out each member once; arcs back into the path carry
        // nothing new (their cost is in the members' own self and calls out).
        if (!top.placed.has(key))
          child = visit(callee, top.node, top.weight, top.total, top.placed);
      } else {
        weight = (cost(arc) * top.weight) / top.total;
        child = enter(callee, weight, top.node);
      }
      if (child) stack.push(child);
      else if (capped && weight > 0) b.sample(top.node, weight); // past the limit: in the caller
    }
  }
  return { estimated, capped };
}
