/**
 * Callers and callees per function, aggregated over the call tree: the edge caller → callee
 * weighs the time spent in the callee's subtree when called from that caller.
 */
import { nodeSelf } from './functionCosts';
import type { ProfileModel } from './model';

export interface CallEdge {
  readonly caller: number;
  readonly callee: number;
  /** Inclusive weight of the callee under this caller, in the model's unit. */
  readonly weight: number;
}

export interface CallGraph {
  readonly edges: readonly CallEdge[];
  callersOf(frame: number): CallEdge[];
  calleesOf(frame: number): CallEdge[];
}

export function callGraph(model: ProfileModel): CallGraph {
  const { parentOf, frameOf } = model.stacks;
  const n = frameOf.length;
  // Inclusive weight per node: children always have higher ids than parents (builder invariant).
  const inclusive = Float64Array.from(nodeSelf(model).weight);
  for (let i = n - 1; i >= 0; i--) if (parentOf[i] >= 0) inclusive[parentOf[i]] += inclusive[i];
  const byPair = new Map<string, { caller: number; callee: number; weight: number }>();
  for (let i = 0; i < n; i++) {
    const p = parentOf[i];
    if (p < 0 || inclusive[i] === 0) continue;
    const key = `${frameOf[p]}:${frameOf[i]}`;
    const e = byPair.get(key);
    if (e) e.weight += inclusive[i];
    else byPair.set(key, { caller: frameOf[p], callee: frameOf[i], weight: inclusive[i] });
  }
  const edges = [...byPair.values()].sort((a, b) => b.weight - a.weight);
  return {
    edges,
    callersOf: (f) => edges.filter((e) => e.callee === f),
    calleesOf: (f) => edges.filter((e) => e.caller === f),
  };
}
