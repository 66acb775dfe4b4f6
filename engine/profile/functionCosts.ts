/**
 * Per-function costs: the numbers behind the top-functions table, the CLI report and CodeLens.
 *
 * A function is a frame (name + file + line + column). Self time is the weight of samples with the
 * frame on top; total time is the weight of samples with the frame anywhere on the stack, counted
 * once per sample even when it recurses (as DevTools' bottom-up view and speedscope do).
 */
import type { ProfileFrame, ProfileModel } from './model';

export interface FunctionCost {
  readonly frame: ProfileFrame;
  /** Self weight in the model's unit (ms for timed profiles). */
  readonly self: number;
  readonly total: number;
  /** Samples with this function on top. */
  readonly selfSamples: number;
  /** Samples with this function anywhere on the stack. */
  readonly totalSamples: number;
  /** Shares of the profile's total weight, 0–100. */
  readonly selfPct: number;
  readonly totalPct: number;
}

/** Weight and sample count per stack node (samples aggregated onto the tree). */
export function nodeSelf(model: ProfileModel): { weight: Float64Array; samples: Int32Array } {
  const n = model.stacks.frameOf.length;
  const weight = new Float64Array(n);
  const samples = new Int32Array(n);
  const { sampleStack, sampleWeight } = model;
  for (let i = 0; i < sampleStack.length; i++) {
    const s = sampleStack[i];
    weight[s] += sampleWeight[i];
    samples[s]++;
  }
  return { weight, samples };
}

/** Costs for every frame that has any samples, sorted by self weight, then total, descending. */
export function functionCosts(model: ProfileModel): FunctionCost[] {
  const { parentOf, frameOf } = model.stacks;
  const { weight, samples } = nodeSelf(model);
  const frames = model.frames.length;
  const self = new Float64Array(frames);
  const total = new Float64Array(frames);
  const selfN = new Float64Array(frames);
  const totalN = new Float64Array(frames);
  // `stamp[f] === node` marks frame f as already counted for this node's stack (recursion once).
  const stamp = new Int32Array(frames).fill(-1);
  for (let node = 0; node < frameOf.length; node++) {
    const w = weight[node];
    const c = samples[node];
    if (c === 0 && w === 0) continue;
    self[frameOf[node]] += w;
    selfN[frameOf[node]] += c;
    for (let a = node; a >= 0; a = parentOf[a]!) {
      const f = frameOf[a];
      if (stamp[f] === node) continue;
      stamp[f] = node;
      total[f] += w;
      totalN[f] += c;
    }
  }
  const sum = model.totalWeight;
  const pct = (x: number): number => (sum > 0 ? (x / sum) * 100 : 0);
  const out: FunctionCost[] = [];
  for (let f = 0; f < frames; f++) {
    if (totalN[f] === 0 && total[f] === 0) continue;
    out.push({
      frame: model.frames[f],
      self: self[f],
      total: total[f],
      selfSamples: selfN[f],
      totalSamples: totalN[f],
      selfPct: pct(self[f]),
      totalPct: pct(total[f]),
    });
  }
  out.sort(
    (a, b) => b.self - a.self || b.total - a.total || a.frame.name.localeCompare(b.frame.name),
  );
  return out;
}
