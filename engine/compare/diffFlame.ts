/**
 * The differential flame graph's data (pure): each side's CPU profiles, every iteration and
 * process, are folded into one call tree keyed by frame name and file (not line: a function that
 * moved is the same frame), weighted in CPU ms per second of wall-clock (the side's summed
 * weights ÷ its summed wall-clock), then the union of the two trees is laid out: every node of
 * the treatment with the baseline's value of the same path beside it, and the nodes only the
 * baseline has (work the change removed) marked gone, so an improvement by removal is drawn too.
 * As in Firefox Profiler's comparison (merge-compare.ts) both sides are scaled to a common basis
 * first; unlike it, we keep the two values rather than a signed sum, so the view can show both.
 */
import type { DiffFlame } from '../../protocol/compareView';
import type { ProfileModel } from '../profile';
import { weightAt } from '../profile';

interface TrieNode {
  readonly name: string;
  readonly file: string;
  total: number;
  self: number;
  readonly children: Map<string, TrieNode>;
}

const newNode = (name: string, file: string): TrieNode => ({
  name,
  file,
  total: 0,
  self: 0,
  children: new Map(),
});

/** Frames that are nobody's CPU cost: the root and the VM's idle time. */
const SKIP = new Set(['(root)', '(idle)']);

/** One side's call tree, fed iteration by iteration (so no profile is kept in memory). */
export class FlameSide {
  private readonly root = newNode('', '');
  private wallMs = 0;
  iterations = 0;

  /** Adds one iteration: its timed profiles (all processes), its wall-clock and working folder. */
  add(profiles: readonly ProfileModel[], wallMs: number, cwd?: string): void {
    const timed = profiles.filter((p) => p.weightUnit === 'milliseconds');
    if (timed.length === 0 || !(wallMs > 0)) return;
    this.iterations++;
    this.wallMs += wallMs;
    for (const p of timed) this.addProfile(p, cwd);
  }

  private addProfile(p: ProfileModel, cwd: string | undefined): void {
    const { parentOf, frameOf } = p.stacks;
    const n = frameOf.length;
    const self = new Float64Array(n);
    for (let i = 0; i < p.sampleStack.length; i++) {
      const s = p.sampleStack[i];
      if (s >= 0 && s < n) self[s] += weightAt(p.sampleWeight, i);
    }
    // Parents come before children (the builder interns them in that order): map each stack
    // node to its trie node walking forward, add self backward into totals.
    const trie = new Array<TrieNode | undefined>(n);
    const total = Float64Array.from(self);
    for (let i = n - 1; i >= 0; i--) if (parentOf[i] >= 0) total[parentOf[i]] += total[i];
    // Keys per frame, not per node: a profile has far fewer frames than stack nodes.
    const keys = p.frames.map((f) =>
      SKIP.has(f.name) && !f.file ? undefined : `${f.name}\u0000${relative(f.file, cwd)}`,
    );
    for (let i = 0; i < n; i++) {
      const up = parentOf[i] >= 0 ? trie[parentOf[i]] : this.root;
      if (!up) continue; // under a skipped idle frame
      const key = keys[frameOf[i]];
      if (key === undefined) {
        trie[i] = p.frames[frameOf[i]].name === '(root)' ? up : undefined;
        continue;
      }
      let t = up.children.get(key);
      if (!t) {
        const frame = p.frames[frameOf[i]];
        up.children.set(key, (t = newNode(frame.name, key.slice(key.indexOf('\u0000') + 1))));
      }
      t.total += total[i];
      t.self += self[i];
      trie[i] = t;
    }
  }

  /** The tree in CPU ms per second of this side's wall-clock. */
  perSecond(): { root: TrieNode; scale: number } {
    return { root: this.root, scale: this.wallMs > 0 ? 1000 / this.wallMs : 0 };
  }
}

function relative(file: string | undefined, cwd: string | undefined): string {
  if (!file) return '';
  const f = file.replace(/^file:\/\//, '');
  const base = cwd?.endsWith('/') ? cwd : `${cwd}/`;
  return cwd && f.startsWith(base) ? f.slice(base.length) : f;
}

export interface DiffFlameOptions {
  /**
   * Nodes under this share of the larger side's total, on both sides, are left out. Default 0.001
   * (0.1 %).
   */
  readonly minShare?: number;
  /** At most this many nodes. Default 20 000. */
  readonly maxNodes?: number;
}

type Entry = readonly [key: string, node: TrieNode];

const heaviestFirst = (entries: Iterable<Entry>): Entry[] =>
  [...entries].sort((x, y) => y[1].total - x[1].total || x[0].localeCompare(y[0]));

/**
 * The union of both sides' trees in pre-order. Under each node: the children the treatment has
 * (heaviest in the treatment first, each with the baseline's value of the same path beside it),
 * then the children only the baseline has — code the change removed or made vanish — marked
 * `gone`, heaviest in the baseline first, with their whole baseline subtree below them. A gone
 * node's treatment value is 0.
 */
export function diffFlame(
  baseline: FlameSide,
  treatment: FlameSide,
  opts: DiffFlameOptions = {},
): DiffFlame | undefined {
  if (baseline.iterations === 0 || treatment.iterations === 0) return undefined;
  const b = baseline.perSecond();
  const t = treatment.perSecond();
  const sum = (r: TrieNode): number => [...r.children.values()].reduce((a, c) => a + c.total, 0);
  const treatmentTotal = sum(t.root) * t.scale;
  const baselineTotal = sum(b.root) * b.scale;
  // A node small on both sides is left out: a frame gone from the treatment is cut by its
  // baseline value, so a big removal is drawn however small the treatment's total.
  const cut = Math.max(treatmentTotal, baselineTotal) * (opts.minShare ?? 0.001);
  const maxNodes = opts.maxNodes ?? 20_000;
  const out = {
    names: [] as string[],
    files: [] as string[],
    parent: [] as number[],
    treatment: [] as number[],
    treatmentSelf: [] as number[],
    baseline: [] as number[],
    baselineSelf: [] as number[],
    gone: [] as boolean[],
  };
  let omitted = 0;
  let goneTotal = 0;
  const push = (
    node: TrieNode,
    parent: number,
    tn: TrieNode | undefined,
    bn: TrieNode | undefined,
  ): number | undefined => {
    const tv = (tn?.total ?? 0) * t.scale;
    const bv = (bn?.total ?? 0) * b.scale;
    if (Math.max(tv, bv) < cut || out.names.length >= maxNodes) {
      omitted++;
      return undefined;
    }
    out.names.push(node.name);
    out.files.push(node.file);
    out.parent.push(parent);
    out.treatment.push(tv);
    out.treatmentSelf.push((tn?.self ?? 0) * t.scale);
    out.baseline.push(bv);
    out.baselineSelf.push((bn?.self ?? 0) * b.scale);
    out.gone.push(tn === undefined);
    return out.names.length - 1;
  };
  const walk = (tn: TrieNode | undefined, bn: TrieNode | undefined, parent: number): void => {
    for (const [key, c] of heaviestFirst(tn?.children ?? [])) {
      const match = bn?.children.get(key);
      const id = push(c, parent, c, match);
      if (id !== undefined) walk(c, match, id);
    }
    const goneHere = [...(bn?.children ?? [])].filter(([key]) => !tn?.children.has(key));
    for (const [, c] of heaviestFirst(goneHere)) {
      const id = push(c, parent, undefined, c);
      if (id === undefined) continue;
      // The topmost gone frame of a removed subtree: what the view adds to the width.
      if (tn !== undefined) goneTotal += out.baseline[id];
      walk(undefined, c, id);
    }
  };
  walk(t.root, b.root, -1);
  return {
    unit: 'ms CPU/s',
    ...out,
    treatmentTotal,
    baselineTotal,
    goneTotal,
    omitted,
    iterations: [baseline.iterations, treatment.iterations],
  };
}
