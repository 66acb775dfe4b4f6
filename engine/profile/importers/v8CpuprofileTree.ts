/**
 * Step 1 of a V8 cpuprofile's model: the `nodes` array → the builder's stack nodes and frames.
 *
 * Parents come from `children` (Node, older Chrome) or `parent` (newer Chrome); the `(root)` node
 * itself is no frame. Each chain is built parents first, iteratively (trees can be very deep). A
 * chain that names a parent id not in `nodes` has its topmost known node attached at the top; a
 * chain that loops has every node of the loop attached at the top, each on its own (the nodes
 * below the loop stay under their parents); both are counted, so the caller can warn.
 */
import { fileURLToPath } from 'node:url';
import type { ProfileBuilder } from '../builder';
import type { RawCpuNode } from './v8CpuprofileScanner';

/** `file:///a/b.js` → `/a/b.js`; other URLs (`node:internal/…`, `https://…`) and paths unchanged. */
export function urlToFile(url: string): string | undefined {
  if (url === '') return undefined;
  if (url.startsWith('file://')) {
    try {
      return fileURLToPath(url);
    } catch {
      return url;
    }
  }
  return url;
}

export interface CpuStackTree {
  /** Profile node id → stack node (-1: the root itself). */
  readonly nodeOf: Map<number, number>;
  /** Parent chains that loop back on themselves. */
  readonly cycles: number;
  /** Chains whose top names a parent id not in `nodes`. */
  readonly danglingParents: number;
  /** Nodes whose `callFrame.functionName` is not a string. */
  readonly badNames: number;
}

/** Nodes by id (a repeated id: the last node, at the first one's place) and each node's parent. */
function indexNodes(nodes: readonly RawCpuNode[]): {
  byId: Map<number, RawCpuNode>;
  parent: Map<number, number>;
} {
  const byId = new Map<number, RawCpuNode>();
  for (const n of nodes) if (n && typeof n.id === 'number') byId.set(n.id, n);
  const parent = new Map<number, number>();
  for (const n of byId.values()) {
    if (typeof n.parent === 'number') parent.set(n.id, n.parent);
    if (Array.isArray(n.children))
      for (const c of n.children) if (!parent.has(c)) parent.set(c, n.id);
  }
  return { byId, parent };
}

/** Builds every node's stack node; see `CpuStackTree`. */
export function buildCpuStackTree(nodes: readonly RawCpuNode[], b: ProfileBuilder): CpuStackTree {
  const { byId, parent } = indexNodes(nodes);
  const resolver = new ChainResolver(byId, parent, b);
  for (const id of byId.keys()) resolver.resolve(id);
  return {
    nodeOf: resolver.nodeOf,
    cycles: resolver.cycles,
    danglingParents: resolver.danglingParents,
    badNames: resolver.badNames,
  };
}

class ChainResolver {
  readonly nodeOf = new Map<number, number>();
  cycles = 0;
  danglingParents = 0;
  badNames = 0;
  // url → file: a few dozen distinct scripts for tens of thousands of nodes; fileURLToPath is slow.
  private readonly fileCache = new Map<string, string | undefined>();
  private readonly chain: number[] = [];

  constructor(
    private readonly byId: Map<number, RawCpuNode>,
    private readonly parent: Map<number, number>,
    private readonly b: ProfileBuilder,
  ) {}

  /** The stack node of profile node `id`, building its unbuilt ancestors first. */
  resolve(id: number): number {
    const top = this.unbuiltChain(id);
    const chain = this.chain;
    let below = chain.length;
    let stackNode = -1;
    if (top !== undefined && this.nodeOf.has(top)) stackNode = this.nodeOf.get(top)!;
    else if (top !== undefined && this.byId.has(top)) {
      // A loop: `top` is in the chain, and it and every node after it (its descendants up to the
      // node naming it as parent) form the loop. None has a known caller, so each is attached
      // at the top on its own — never under another member, which would invent a call edge
      // (a↔b made b a's caller and gave b a's time).
      below = chain.lastIndexOf(top);
      for (let k = chain.length - 1; k >= below; k--) this.build(chain[k], -1);
      stackNode = this.nodeOf.get(top)!;
    }
    for (let k = below - 1; k >= 0; k--) stackNode = this.build(chain[k], stackNode);
    return stackNode;
  }

  /**
   * Fills `chain` with `id` and its ancestors not built yet (child first); returns where the walk
   * stopped: a built node, or undefined / an id in the chain when the parent is missing or loops.
   */
  private unbuiltChain(id: number): number | undefined {
    const chain = this.chain;
    chain.length = 0;
    let cur: number | undefined = id;
    // Cycle guard: the chain itself while short (the usual case: parents come first), a set past that.
    let guard: Set<number> | undefined;
    while (cur !== undefined && !this.nodeOf.has(cur)) {
      if (!this.byId.has(cur)) {
        if (cur !== id) this.danglingParents++;
        break;
      }
      if (guard) {
        if (guard.has(cur)) {
          this.cycles++;
          break;
        }
        guard.add(cur);
      } else if (chain.length >= 32) {
        guard = new Set(chain);
        if (guard.has(cur)) {
          this.cycles++;
          break;
        }
        guard.add(cur);
      } else if (chain.includes(cur)) {
        this.cycles++;
        break;
      }
      chain.push(cur);
      cur = this.parent.get(cur);
    }
    return cur;
  }

  /** Builds profile node `id` under stack node `under`; returns its stack node. */
  private build(id: number, under: number): number {
    const n = this.byId.get(id)!;
    if (n.callFrame?.functionName === '(root)' && !this.parent.has(n.id)) {
      this.nodeOf.set(n.id, -1);
      return -1;
    }
    const stackNode = this.b.node(under, this.frameOf(n));
    this.nodeOf.set(n.id, stackNode);
    if (Array.isArray(n.positionTicks)) {
      const file = this.fileOf(n.callFrame?.url);
      for (const t of n.positionTicks)
        if (t && typeof t.line === 'number' && typeof t.ticks === 'number')
          this.b.addLineTicks(stackNode, t.line, t.ticks, file);
    }
    return stackNode;
  }

  /** Called once per node (each is built once): no cache of its frame needed. */
  private frameOf(n: RawCpuNode): number {
    const cf = n.callFrame ?? {};
    const line =
      typeof cf.lineNumber === 'number' && cf.lineNumber >= 0 ? cf.lineNumber + 1 : undefined;
    const column =
      typeof cf.columnNumber === 'number' && cf.columnNumber >= 0 ? cf.columnNumber + 1 : undefined;
    const file = this.fileOf(cf.url);
    const fn: unknown = cf.functionName;
    if (fn !== undefined && typeof fn !== 'string') this.badNames++;
    // Undefined fields are as good as absent to the builder (no spreads: one per node adds up).
    return this.b.frame({
      name: typeof fn === 'string' && fn !== '' ? fn : '(anonymous)',
      file: file || undefined,
      line,
      column,
    });
  }

  private fileOf(url: unknown): string | undefined {
    const u = typeof url === 'string' ? url : '';
    let f = this.fileCache.get(u);
    if (f === undefined && !this.fileCache.has(u)) {
      f = urlToFile(u);
      this.fileCache.set(u, f);
    }
    return f;
  }
}
