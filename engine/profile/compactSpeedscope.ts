/**
 * The flame graph's data: the model as a compact speedscope file (evented profiles, schema
 * https://www.speedscope.app/file-format-schema.json, read by speedscope 1.25), produced as
 * text chunks so no caller ever holds the whole file as one string.
 *
 * Why evented and not sampled: a sampled speedscope profile repeats every sample's full stack
 * (depth × samples numbers — 112 M characters for a 10 MB `.cpuprofile`). Here consecutive
 * identical stacks are merged into one run, and the file holds only the frames that open and close
 * between runs, so its size follows how often the stack changes, not how deep it is.
 *
 * Exactness: weights are the model's own (`sampleWeight`, ms or samples); a run's weight is the sum
 * of its samples' weights, and every event's `at` is the running sum, so each frame's total and
 * self weight in speedscope equal the model's. When the exact time order would need more than
 * `maxEvents` events (very long profiles), the profile is cut into equal slices of weight and each
 * slice's stacks are merged into its call tree: totals stay exact, only the order inside a slice
 * is lost (the slice width is reported, so the view can say so).
 */
import type { ProfileModel } from './model';
import { weightAt } from './sampleWeights';

export interface CompactFlameOptions {
  /** Most open/close events per file before time order is coarsened (default 0.2 M). */
  readonly maxEvents?: number;
  /** Text chunk size to aim for (default 1 MiB). */
  readonly chunkChars?: number;
}

export interface CompactProfileSummary {
  readonly name: string;
  /** Samples with weight in the model. */
  readonly samples: number;
  /** Runs after merging consecutive identical stacks. */
  readonly runs: number;
  readonly events: number;
  /** Undefined when the time order is exact; else the width of one merged slice, in `unit`. */
  readonly sliceWeight?: number;
  readonly unit: 'milliseconds' | 'none';
  readonly totalWeight: number;
}

export interface CompactFlameSummary {
  readonly frames: number;
  readonly profiles: readonly CompactProfileSummary[];
}

/**
 * What speedscope must import and lay out grows with the events (about 7 µs each for its import
 * alone, in Node); measured in the real VS Code, 0.4 M events (16 MB) drew no faster than
 * speedscope reading a 10 MB `.cpuprofile` itself, so the budget is half that (~8 MB files).
 */
const DEFAULT_MAX_EVENTS = 200_000;

/** A sequence of (stack node, weight) to emit in order. */
interface Sequence {
  readonly node: Int32Array;
  readonly weight: Float64Array;
  readonly length: number;
}

/**
 * Merge consecutive samples on the same stack node; drop weightless samples (they draw nothing).
 */
export function mergeRuns(model: ProfileModel): Sequence & { samples: number } {
  const node = new Int32Array(model.sampleStack.length);
  const weight = new Float64Array(model.sampleStack.length);
  let length = 0;
  let samples = 0;
  for (let i = 0; i < model.sampleStack.length; i++) {
    const w = weightAt(model.sampleWeight, i);
    if (!(w > 0)) continue;
    samples++;
    const n = model.sampleStack[i];
    if (length > 0 && node[length - 1] === n) weight[length - 1] += w;
    else {
      node[length] = n;
      weight[length] = w;
      length++;
    }
  }
  return { node, weight, length, samples };
}

/**
 * Walk from stack node `a` to stack node `b` (-1: no stack): report the nodes to close (innermost
 * first) and to open (outermost first). Returns the number of events.
 */
function transition(
  model: ProfileModel,
  a: number,
  b: number,
  close?: (node: number) => void,
  open?: (nodes: number[]) => void,
): number {
  const { parentOf, depthOf } = model.stacks;
  let x = a;
  let y = b;
  let events = 0;
  const opening: number[] = [];
  while (x !== y) {
    const dx = x < 0 ? -1 : depthOf[x];
    const dy = y < 0 ? -1 : depthOf[y];
    if (dx >= dy) {
      close?.(x);
      x = parentOf[x];
      events++;
    }
    if (dy >= dx) {
      if (open) opening.push(y);
      y = parentOf[y];
      events++;
    }
  }
  if (open && opening.length) open(opening.reverse());
  return events;
}

function countEvents(model: ProfileModel, seq: Sequence): number {
  let events = 0;
  let prev = -1;
  for (let i = 0; i < seq.length; i++) {
    events += transition(model, prev, seq.node[i]);
    prev = seq.node[i];
  }
  return events + transition(model, prev, -1);
}

/** Preorder position of every stack node, so a slice's stacks can be emitted as a tree walk. */
function preorder(model: ProfileModel): Int32Array {
  const { parentOf } = model.stacks;
  const n = parentOf.length;
  const childCount = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) childCount[parentOf[i] + 1]++;
  // children of p (p = -1 for roots) in a CSR layout, in id order.
  const start = new Int32Array(n + 2);
  for (let i = 0; i <= n; i++) start[i + 1] = start[i] + childCount[i];
  const fill = start.slice(0, n + 1);
  const children = new Int32Array(n);
  for (let i = 0; i < n; i++) children[fill[parentOf[i] + 1]++] = i;
  const order = new Int32Array(n);
  let next = 0;
  const stack: number[] = [];
  for (let k = start[1] - 1; k >= start[0]; k--) stack.push(children[k]);
  while (stack.length) {
    const v = stack.pop()!;
    order[v] = next++;
    for (let k = start[v + 2] - 1; k >= start[v + 1]; k--) stack.push(children[k]);
  }
  return order;
}

/** The runs cut into `slices` equal slices of weight, each slice's stacks merged in tree order. */
function sliced(
  runs: Sequence,
  total: number,
  slices: number,
  order: Int32Array,
  nodeCount: number,
): Sequence {
  const acc = new Float64Array(nodeCount);
  const touched: number[] = [];
  const outNode: number[] = [];
  const outWeight: number[] = [];
  const flush = () => {
    touched.sort((p, q) => order[p] - order[q]);
    for (const n of touched) {
      outNode.push(n);
      outWeight.push(acc[n]);
      acc[n] = 0;
    }
    touched.length = 0;
  };
  let slice = 0;
  let cum = 0;
  for (let i = 0; i < runs.length; i++) {
    const s = Math.min(slices - 1, Math.floor((cum / total) * slices));
    if (s !== slice) {
      flush();
      slice = s;
    }
    const n = runs.node[i];
    if (acc[n] === 0) touched.push(n);
    acc[n] += runs.weight[i];
    cum += runs.weight[i];
  }
  flush();
  return {
    node: Int32Array.from(outNode),
    weight: Float64Array.from(outWeight),
    length: outNode.length,
  };
}

/**
 * Choose the sequence to draw: exact runs if they fit `maxEvents`, else the finest slicing that
 * does.
 */
export function planProfile(
  model: ProfileModel,
  maxEvents: number,
): { seq: Sequence; samples: number; runs: number; events: number; sliceWeight?: number } {
  const runs = mergeRuns(model);
  const exact = countEvents(model, runs);
  if (exact <= maxEvents || runs.length < 2)
    return { seq: runs, samples: runs.samples, runs: runs.length, events: exact };
  let total = 0;
  for (let i = 0; i < runs.length; i++) total += runs.weight[i];
  const order = preorder(model);
  // Events fall with the slice count but not in proportion (each slice repeats the stacks it
  // touches), so step down by the observed overshoot until the budget holds: a few passes land
  // close under it, keeping as much time order as the budget allows.
  let slices = Math.max(1, Math.floor((runs.length * maxEvents) / exact));
  for (;;) {
    const seq = sliced(runs, total, slices, order, model.stacks.parentOf.length);
    const events = countEvents(model, seq);
    if (events <= maxEvents || slices === 1)
      return { seq, samples: runs.samples, runs: runs.length, events, sliceWeight: total / slices };
    slices = Math.max(1, Math.min(slices - 1, Math.floor(slices * 0.9 * (maxEvents / events))));
  }
}

/**
 * `at` values: the running sum, rounded to 1e-6 of the unit so float noise does not bloat the file.
 */
const fmt = (x: number): string => String(Math.round(x * 1e6) / 1e6);

/**
 * The file as text chunks (concatenated, they are one JSON document). The generator's return
 * value says what was written.
 */
export function* compactSpeedscopeChunks(
  models: readonly ProfileModel[],
  name: string,
  options: CompactFlameOptions = {},
): Generator<string, CompactFlameSummary> {
  const maxEvents = options.maxEvents ?? DEFAULT_MAX_EVENTS;
  const chunkChars = options.chunkChars ?? 1 << 20;
  const frameIndex = new Map<string, number>();
  const frames: string[] = [];
  const localFrames = models.map((m) =>
    m.frames.map((f) => {
      const key = `${f.name}\u0000${f.file ?? ''}\u0000${f.line ?? ''}\u0000${f.column ?? ''}`;
      let i = frameIndex.get(key);
      if (i === undefined) {
        i = frames.length;
        frames.push(
          JSON.stringify({
            name: f.name,
            ...(f.file ? { file: f.file } : {}),
            ...(f.line ? { line: f.line } : {}),
            ...(f.column ? { col: f.column } : {}),
          }),
        );
        frameIndex.set(key, i);
      }
      return i;
    }),
  );
  let buf = `{"$schema":"https://www.speedscope.app/file-format-schema.json","exporter":"perflens","name":${JSON.stringify(name)},"activeProfileIndex":0,"shared":{"frames":[`;
  for (let i = 0; i < frames.length; i++) {
    buf += (i ? ',' : '') + frames[i];
    if (buf.length >= chunkChars) {
      yield buf;
      buf = '';
    }
  }
  buf += ']},"profiles":[';
  const summaries: CompactProfileSummary[] = [];
  const perProfile = Math.max(1, Math.ceil(maxEvents / Math.max(1, models.length)));
  for (let p = 0; p < models.length; p++) {
    const m = models[p];
    const local = localFrames[p];
    const plan = planProfile(m, perProfile);
    const unit = m.weightUnit === 'milliseconds' ? 'milliseconds' : 'none';
    let total = 0;
    for (let i = 0; i < plan.seq.length; i++) total += plan.seq.weight[i];
    buf += `${p ? ',' : ''}{"type":"evented","name":${JSON.stringify(m.name)},"unit":"${unit}","startValue":0,"endValue":${fmt(total)},"events":[`;
    let first = true;
    let at = '0';
    const event = (type: 'O' | 'C', node: number) => {
      buf += `${first ? '' : ','}{"type":"${type}","frame":${local[m.stacks.frameOf[node]]},"at":${at}}`;
      first = false;
    };
    const close = (node: number) => event('C', node);
    const open = (nodes: number[]) => {
      for (const n of nodes) event('O', n);
    };
    let prev = -1;
    let cum = 0;
    for (let i = 0; i < plan.seq.length; i++) {
      const n = plan.seq.node[i];
      transition(m, prev, n, close, open);
      prev = n;
      cum += plan.seq.weight[i];
      at = fmt(cum);
      if (buf.length >= chunkChars) {
        yield buf;
        buf = '';
      }
    }
    transition(m, prev, -1, close, open);
    buf += ']}';
    summaries.push({
      name: m.name,
      samples: plan.samples,
      runs: plan.runs,
      events: plan.events,
      ...(plan.sliceWeight !== undefined ? { sliceWeight: plan.sliceWeight } : {}),
      unit,
      totalWeight: total,
    });
  }
  buf += ']}';
  yield buf;
  return { frames: frames.length, profiles: summaries };
}
