/**
 * The total of several groups together, each sample counted once: a function and its callbacks.
 *
 * A callback that runs after an `await` is an async continuation: its frames sit under the
 * microtask queue, not under its function, so the function's own total misses them. Adding the
 * groups' totals would count twice every sample whose stack holds both (a callback called
 * synchronously, before the first `await`). So each process keeps its call tree (parent, group
 * and self weight per stack node, a few arrays of the node count, not of the samples), and the
 * union is one pass over it: a node counts when it or an ancestor is in one of the groups.
 */

/** One process's call tree, as much of it as a union needs. */
export interface GroupTree {
  readonly process: string;
  /** The process's total weight (for its share). */
  readonly weight: number;
  /** Stack node → its parent (-1 for a root). */
  readonly parentOf: Int32Array;
  /** Stack node → its group (-1: none). */
  readonly groupOf: Int32Array;
  /** Stack node → weight and samples with it on top. */
  readonly selfWeight: Float64Array;
  readonly selfSamples: Float64Array;
}

export interface UnionTotal {
  readonly total: number;
  readonly totalSamples: number;
  readonly perProcess: readonly {
    readonly process: string;
    readonly total: number;
    readonly totalSamples: number;
    /** Share of that process's own weight, 0–100. */
    readonly totalPct: number;
  }[];
}

const UNKNOWN = 0;
const INSIDE = 1;
const OUTSIDE = 2;

/**
 * Whether each node has one of `groups` on its stack: each node is resolved once (a walk up stops
 * at the first resolved ancestor), so the pass is linear in the node count however deep the tree.
 */
function insideNodes(tree: GroupTree, groups: ReadonlySet<number>): Uint8Array {
  const { parentOf, groupOf } = tree;
  const state = new Uint8Array(parentOf.length);
  const path: number[] = [];
  for (let n = 0; n < parentOf.length; n++) {
    let a = n;
    let found: number = OUTSIDE;
    while (a >= 0 && state[a] === UNKNOWN) {
      if (groups.has(groupOf[a])) {
        found = INSIDE;
        break;
      }
      path.push(a);
      a = parentOf[a];
    }
    if (a >= 0 && state[a] !== UNKNOWN) found = state[a];
    else if (a >= 0) state[a] = INSIDE;
    for (const p of path) state[p] = found;
    path.length = 0;
  }
  return state;
}

/** The weight and samples with any of `groups` on the stack, each sample once, per process. */
export function unionTotal(trees: readonly GroupTree[], groups: ReadonlySet<number>): UnionTotal {
  let total = 0;
  let totalSamples = 0;
  const perProcess: UnionTotal['perProcess'][number][] = [];
  for (const tree of trees) {
    const state = insideNodes(tree, groups);
    let w = 0;
    let s = 0;
    for (let n = 0; n < state.length; n++)
      if (state[n] === INSIDE) {
        w += tree.selfWeight[n];
        s += tree.selfSamples[n];
      }
    if (w === 0 && s === 0) continue;
    total += w;
    totalSamples += s;
    perProcess.push({
      process: tree.process,
      total: w,
      totalSamples: s,
      totalPct: tree.weight > 0 ? (w / tree.weight) * 100 : 0,
    });
  }
  return { total, totalSamples, perProcess };
}
