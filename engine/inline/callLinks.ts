/**
 * Caller → callee links between cost groups (functions as source files know them), for the hover's
 * top callers and callees. Frames without a group (VM internals, `node:` modules) are looked
 * through, so a function called through them is linked to its nearest grouped caller.
 */
import type { ProfileModel } from '../profile/model';

export interface CallLink {
  readonly group: number;
  /** Inclusive weight of the callee under this caller, in the source's unit. */
  readonly weight: number;
}

/** Callers and callees kept per group, heaviest first. */
const LINKS_KEPT = 5;

/**
 * Adds one model's caller → callee weights into `edges` (keyed `caller:callee`).
 * `groupOf[frame]`: the frame's group, or -1; `weight[node]`: the node's self weight.
 */
export function addCallEdges(
  edges: Map<string, number>,
  model: ProfileModel,
  groupOf: Int32Array,
  weight: ArrayLike<number>,
): void {
  const { parentOf, frameOf } = model.stacks;
  // Nodes come after their parents, so one backwards pass sums each subtree into its root.
  const inclusive = Float64Array.from(weight);
  for (let i = frameOf.length - 1; i >= 0; i--)
    if (parentOf[i] >= 0) inclusive[parentOf[i]] += inclusive[i];
  for (let i = 0; i < frameOf.length; i++) {
    const g = groupOf[frameOf[i]];
    if (g < 0 || inclusive[i] === 0) continue;
    let p = parentOf[i];
    while (p >= 0 && groupOf[frameOf[p]] < 0) p = parentOf[p];
    if (p < 0) continue;
    const pg = groupOf[frameOf[p]];
    if (pg === g) continue;
    const key = `${pg}:${g}`;
    edges.set(key, (edges.get(key) ?? 0) + inclusive[i]);
  }
}

/** The heaviest callers and callees of each group, from the edges of every model. */
export function topCallLinks(edges: ReadonlyMap<string, number>): {
  callers: Map<number, CallLink[]>;
  callees: Map<number, CallLink[]>;
} {
  const callers = new Map<number, CallLink[]>();
  const callees = new Map<number, CallLink[]>();
  const push = (m: Map<number, CallLink[]>, k: number, link: CallLink): void => {
    const l = m.get(k);
    if (l) l.push(link);
    else m.set(k, [link]);
  };
  for (const [key, w] of edges) {
    const [a, b] = key.split(':').map(Number);
    push(callees, a, { group: b, weight: w });
    push(callers, b, { group: a, weight: w });
  }
  for (const m of [callers, callees])
    for (const [k, l] of m) m.set(k, l.sort((x, y) => y.weight - x.weight).slice(0, LINKS_KEPT));
  return { callers, callees };
}
