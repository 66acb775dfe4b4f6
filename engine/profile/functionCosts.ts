/**
 * Per-function costs: the numbers behind the top-functions table, the CLI report and CodeLens.
 *
 * A function is a frame (name + file + line + column). Self time is the weight of samples with the
 * frame on top; total time is the weight of samples with the frame anywhere on the stack, counted
 * once per sample even when it recurses (as DevTools' bottom-up view and speedscope do).
 *
 * Sample counts are true counts (DESIGN.md "True counts"): for a profile whose unit is `samples`
 * (folded stacks, perf script) one stack record stands for `weight` samples, so the count is the
 * weight, not the number of records.
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

/**
 * How many samples a model rests on: the summed weight for sample-count formats, the summed
 * per-record counts where records carry one (pprof `samples/count`), else the records; null
 * when the records are not samples (evented intervals, callgrind cost lines).
 */
export function sampleCount(model: ProfileModel): number | null {
  if (!hasSampleCounts(model)) return null;
  if (model.sampleCounts) {
    let sum = 0;
    for (const c of model.sampleCounts) sum += c;
    return sum;
  }
  return model.weightUnit === 'samples' ? model.totalWeight : model.sampleStack.length;
}

/** Whether a model's records are samples that can be counted (see `sampleCount`). */
export function hasSampleCounts(model: ProfileModel): boolean {
  return model.evented !== true && model.uncounted !== true;
}

/**
 * Weight and sample count per stack node (samples aggregated onto the tree). The counts are
 * those of `sampleCount`: a record's weight for unit `samples`, its own count where it has one,
 * else 1 (and meaningless, never shown, when the model has no sample counts).
 */
export function nodeSelf(model: ProfileModel): { weight: Float64Array; samples: Float64Array } {
  const n = model.stacks.frameOf.length;
  const weight = new Float64Array(n);
  const samples = new Float64Array(n);
  const { sampleStack, sampleCounts } = model;
  const { values, divisor } = model.sampleWeight;
  const weighted = model.weightUnit === 'samples';
  for (let i = 0; i < sampleStack.length; i++) {
    const s = sampleStack[i];
    const w = values[i] / divisor;
    weight[s] += w;
    samples[s] += sampleCounts ? sampleCounts[i] : weighted ? w : 1;
  }
  return { weight, samples };
}

/**
 * The stack nodes in depth-first pre-order, and for each node whether it is the outermost node
 * of its frame on its path from the root (so a recursive frame's total counts once). One pass
 * over a child index: linear in the node count, however deep the tree (a walk to the root per
 * node was quadratic on 100k-deep evented profiles).
 */
function preorderWithOutermost(model: ProfileModel): { order: Int32Array; outermost: Uint8Array } {
  const { parentOf, frameOf } = model.stacks;
  const n = frameOf.length;
  const childStart = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) if (parentOf[i] >= 0) childStart[parentOf[i] + 1]++;
  for (let i = 0; i < n; i++) childStart[i + 1] += childStart[i];
  const fill = childStart.slice(0, n);
  const children = new Int32Array(n);
  for (let i = 0; i < n; i++) if (parentOf[i] >= 0) children[fill[parentOf[i]]++] = i;
  const onPath = new Int32Array(model.frames.length);
  const outermost = new Uint8Array(n);
  const order = new Int32Array(n);
  let visited = 0;
  // Entries >= 0 enter a node; ~node leaves it. Each node is pushed twice at most.
  const stack = new Int32Array(2 * n);
  let top = 0;
  for (let root = n - 1; root >= 0; root--) if (parentOf[root] < 0) stack[top++] = root;
  while (top > 0) {
    const e = stack[--top];
    if (e < 0) {
      onPath[frameOf[~e]]--;
      continue;
    }
    order[visited++] = e;
    const f = frameOf[e];
    if (onPath[f] === 0) outermost[e] = 1;
    onPath[f]++;
    stack[top++] = ~e;
    for (let c = childStart[e + 1] - 1; c >= childStart[e]; c--) stack[top++] = children[c];
  }
  return { order: order.subarray(0, visited), outermost };
}

/**
 * Per-frame costs as flat arrays (indexed by frame id) and the frames that have any, in the order
 * of `functionCosts`: what the rows are made from, without an object per frame in between.
 */
export interface FrameCostTable {
  readonly self: Float64Array;
  readonly total: Float64Array;
  readonly selfSamples: Float64Array;
  readonly totalSamples: Float64Array;
  /** Frame ids with any weight or samples, by self weight, then total, descending, then name. */
  readonly order: readonly number[];
  /** Share of the profile's total weight, 0–100. */
  pct(x: number): number;
}

/** Costs for every frame that has any samples, sorted by self weight, then total, descending. */
export function functionCosts(model: ProfileModel): FunctionCost[] {
  const t = frameCostTable(model);
  return t.order.map((f) => ({
    frame: model.frames[f],
    self: t.self[f],
    total: t.total[f],
    selfSamples: t.selfSamples[f],
    totalSamples: t.totalSamples[f],
    selfPct: t.pct(t.self[f]),
    totalPct: t.pct(t.total[f]),
  }));
}

/** The numbers of `functionCosts`, as a `FrameCostTable`. */
export function frameCostTable(model: ProfileModel): FrameCostTable {
  const { parentOf, frameOf } = model.stacks;
  const { weight, samples } = nodeSelf(model);
  const frames = model.frames.length;
  const self = new Float64Array(frames);
  const total = new Float64Array(frames);
  const selfN = new Float64Array(frames);
  const totalN = new Float64Array(frames);
  for (let node = 0; node < frameOf.length; node++) {
    self[frameOf[node]] += weight[node];
    selfN[frameOf[node]] += samples[node];
  }
  // Subtree sums in reverse pre-order (children before parents), credited to a frame only at
  // its outermost node on each path.
  const { order, outermost } = preorderWithOutermost(model);
  const subW = weight.slice();
  const subN = samples.slice();
  for (let k = order.length - 1; k >= 0; k--) {
    const node = order[k];
    const p = parentOf[node];
    if (p >= 0) {
      subW[p] += subW[node];
      subN[p] += subN[node];
    }
    if (outermost[node]) {
      total[frameOf[node]] += subW[node];
      totalN[frameOf[node]] += subN[node];
    }
  }
  const sum = model.totalWeight;
  const pct = (x: number): number => (sum > 0 ? (x / sum) * 100 : 0);
  const ranked: number[] = [];
  for (let f = 0; f < frames; f++) if (totalN[f] !== 0 || total[f] !== 0) ranked.push(f);
  // A stable sort of ascending frame ids: ties keep frame order, as the objects' sort did.
  const names = model.frames;
  ranked.sort(
    (a, b) =>
      self[b] - self[a] || total[b] - total[a] || compareNames(names[a].name, names[b].name),
  );
  return { self, total, selfSamples: selfN, totalSamples: totalN, order: ranked, pct };
}

/** Plain code-unit order: `localeCompare` is slow on millions of rows and throws on non-strings. */
function compareNames(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}
