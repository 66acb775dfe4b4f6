/**
 * The total of several groups together, each sample counted once: a function and its callbacks.
 *
 * A callback that runs after an `await` is an async continuation: its frames sit under the
 * microtask queue, not under its function, so the function's own total misses them. Adding the
 * groups' totals would count twice every sample whose stack holds both (a callback called
 * synchronously, before the first `await`). So each process keeps its call tree in pre-order (a
 * few arrays of the node count, not of the samples), and a union adds the subtrees of the groups'
 * outermost nodes: its cost is the number of the groups' nodes, not the tree's.
 */

/**
 * One process's call tree, as much of it as a union needs: each node's place in a depth-first
 * pre-order (a subtree is the run `pre[n]` … `end[n]`), its subtree's weight and samples, and the
 * nodes of each group in pre-order.
 */
export interface GroupTree {
  readonly process: string;
  /** The process's total weight (for its share). */
  readonly weight: number;
  readonly pre: Int32Array;
  readonly end: Int32Array;
  readonly subtreeWeight: Float64Array;
  readonly subtreeSamples: Float64Array;
  /** Group g's nodes: `groupNodes[groupStart[g]]` … `groupNodes[groupStart[g + 1] - 1]`. */
  readonly groupStart: Int32Array;
  readonly groupNodes: Int32Array;
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

/** Nodes in depth-first pre-order, by a child index (linear, however deep the tree). */
function preorder(parentOf: Int32Array): Int32Array {
  const n = parentOf.length;
  const childStart = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) if (parentOf[i] >= 0) childStart[parentOf[i] + 1]++;
  for (let i = 0; i < n; i++) childStart[i + 1] += childStart[i];
  const fill = childStart.slice(0, n);
  const children = new Int32Array(n);
  for (let i = 0; i < n; i++) if (parentOf[i] >= 0) children[fill[parentOf[i]]++] = i;
  const order = new Int32Array(n);
  const stack: number[] = [];
  let k = 0;
  for (let r = n - 1; r >= 0; r--) if (parentOf[r] < 0) stack.push(r);
  while (stack.length > 0) {
    const v = stack.pop()!;
    order[k++] = v;
    for (let c = childStart[v + 1] - 1; c >= childStart[v]; c--) stack.push(children[c]);
  }
  return order;
}

/**
 * A process's tree for unions: `groupOf` (node → group, -1 none) and the self weight and samples
 * of each node; `groupCount` bounds the group ids.
 */
export function buildGroupTree(
  process: string,
  weight: number,
  parentOf: Int32Array,
  groupOf: Int32Array,
  self: { weight: Float64Array; samples: Float64Array },
  groupCount: number,
): GroupTree {
  const n = parentOf.length;
  const order = preorder(parentOf);
  const pre = new Int32Array(n);
  for (let k = 0; k < n; k++) pre[order[k]] = k;
  const subtreeWeight = Float64Array.from(self.weight);
  const subtreeSamples = Float64Array.from(self.samples);
  const size = new Int32Array(n).fill(1);
  // Children come after their parent in pre-order: sum from the last node back.
  for (let k = n - 1; k >= 0; k--) {
    const v = order[k];
    const p = parentOf[v];
    if (p < 0) continue;
    subtreeWeight[p] += subtreeWeight[v];
    subtreeSamples[p] += subtreeSamples[v];
    size[p] += size[v];
  }
  const end = new Int32Array(n);
  for (let v = 0; v < n; v++) end[v] = pre[v] + size[v];
  const groupStart = new Int32Array(groupCount + 1);
  for (let v = 0; v < n; v++) if (groupOf[v] >= 0) groupStart[groupOf[v] + 1]++;
  for (let g = 0; g < groupCount; g++) groupStart[g + 1] += groupStart[g];
  const fill = groupStart.slice(0, groupCount);
  const groupNodes = new Int32Array(groupStart[groupCount]);
  for (let k = 0; k < n; k++) {
    const g = groupOf[order[k]];
    if (g >= 0) groupNodes[fill[g]++] = order[k];
  }
  return { process, weight, pre, end, subtreeWeight, subtreeSamples, groupStart, groupNodes };
}

/**
 * The weight and samples with any of `groups` on the stack, each sample once, per process: the
 * groups' outermost nodes' subtrees (a node inside another one's subtree is counted there).
 */
export function unionTotal(trees: readonly GroupTree[], groups: ReadonlySet<number>): UnionTotal {
  let total = 0;
  let totalSamples = 0;
  const perProcess: UnionTotal['perProcess'][number][] = [];
  for (const tree of trees) {
    const nodes: number[] = [];
    for (const g of groups)
      if (g + 1 < tree.groupStart.length)
        for (let k = tree.groupStart[g]; k < tree.groupStart[g + 1]; k++)
          nodes.push(tree.groupNodes[k]);
    nodes.sort((a, b) => tree.pre[a] - tree.pre[b]);
    let w = 0;
    let s = 0;
    let coveredUntil = -1;
    for (const v of nodes) {
      if (tree.pre[v] < coveredUntil) continue;
      w += tree.subtreeWeight[v];
      s += tree.subtreeSamples[v];
      coveredUntil = tree.end[v];
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
