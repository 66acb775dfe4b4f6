/**
 * CPU costs grouped by the function they belong to, ready for matching against source files.
 *
 * A group is one function as a source file knows it: a JavaScript frame's (file, line, column)
 * after source maps, or a native frame's module path + owner + trait + name with Rust hashes and
 * `{{closure}}` frames folded in (a closure's samples are its function's). Totals count a sample
 * once per group even when several of the group's frames are on its stack (recursion, a closure
 * under its own function), as DevTools' bottom-up view does. Processes keep their own numbers
 * for the hover; the summed numbers are over every process of the source (samples of different
 * processes are disjoint, so totals add).
 *
 * Built once when a source is loaded; the profile models can then be dropped.
 */
import { hasSampleCounts, nodeSelf, sampleCount } from '../profile/functionCosts';
import { lineCosts } from '../profile/lineCosts';
import { processLabel } from '../profile/merge';
import type { ProfileFrame, ProfileModel } from '../profile/model';
import { baseName, normalizeProfilePath } from './paths';
import { addCallEdges, topCallLinks, type CallLink } from './callLinks';
import { buildGroupTree, type GroupTree } from './unionTotals';

export type { CallLink } from './callLinks';

export interface ProcessCost {
  readonly process: string;
  readonly self: number;
  readonly total: number;
  readonly selfSamples: number;
  readonly totalSamples: number;
  /** Share of that process's own total weight, 0–100. */
  readonly totalPct: number;
}

export interface CostGroup {
  readonly id: number;
  /** The frame's name as profiled (first frame seen, closures folded). */
  readonly name: string;
  /** Normalised source file (JavaScript frames, after source maps). */
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  /** Native (Rust) frames: where the function is defined, by name. */
  readonly native?: {
    readonly modulePath: string;
    readonly owner?: string;
    readonly trait?: string;
    readonly name: string;
  };
  readonly self: number;
  readonly total: number;
  readonly selfSamples: number;
  readonly totalSamples: number;
  readonly perProcess: readonly ProcessCost[];
}

export interface InlineCosts {
  readonly unit: 'ms' | 'samples';
  readonly totalWeight: number;
  /** Samples (for folded stacks: the sum of their counts, not the number of stack lines). */
  readonly totalSamples: number;
  /**
   * True when a profile's records are not samples (speedscope `evented`, Trace Event durations:
   * intervals), so the sample counts here count records and are not shown as samples.
   */
  readonly evented: boolean;
  readonly processes: readonly {
    readonly label: string;
    readonly weight: number;
    readonly samples: number;
  }[];
  readonly groups: readonly CostGroup[];
  /** Top callers / callees per group id, heaviest first. */
  readonly callers: ReadonlyMap<number, readonly CallLink[]>;
  readonly callees: ReadonlyMap<number, readonly CallLink[]>;
  /** Normalised file → groups with that file. */
  readonly groupsByFile: ReadonlyMap<string, readonly number[]>;
  /** File name → normalised files with that name (for the longest-suffix match). */
  readonly filesByBaseName: ReadonlyMap<string, readonly string[]>;
  /** Native function name → groups (Rust frames, matched by qualified name). */
  readonly nativeByName: ReadonlyMap<string, readonly number[]>;
  /**
   * Each process's call tree by group, for totals of several groups with each sample once (a
   * function with its callbacks, `unionTotals.ts`).
   */
  readonly trees: readonly GroupTree[];
  /**
   * Per-line self cost from `positionTicks`: normalised file → one entry per line and function
   * (summed over processes), with where that function starts.
   */
  readonly lines: ReadonlyMap<string, readonly LineHeatCost[]>;
}

export interface LineHeatCost {
  /** 1-based. */
  readonly line: number;
  readonly self: number;
  readonly ticks: number;
  /** The ticking function's start in the same file (its frame's position), when known. */
  readonly function?: { readonly line: number; readonly column?: number };
}

function groupKey(frame: ProfileFrame, canonical: (file: string) => string): string | undefined {
  if (frame.native)
    return `n\u0000${frame.native.modulePath}\u0000${frame.native.owner ?? ''}\u0000${frame.native.trait ?? ''}\u0000${frame.native.name}`;
  if (!frame.file || frame.line === undefined || frame.file.startsWith('node:')) return undefined;
  return `f\u0000${canonical(frame.file)}\u0000${frame.line}\u0000${frame.column ?? 0}`;
}

/** A group while it is being summed (CostGroup without its id). */
interface Acc {
  name: string;
  file?: string;
  line?: number;
  column?: number;
  native?: CostGroup['native'];
  self: number;
  total: number;
  selfSamples: number;
  totalSamples: number;
  perProcess: ProcessCost[];
}

/** A line's entry while it is being summed. */
type LineSum = { -readonly [K in keyof LineHeatCost]: LineHeatCost[K] };

/** File → `line|function line|function column` → the entry summed so far. */
type LineCosts = Map<string, Map<string, LineSum>>;

/** What is summed over every model of the source. */
interface Build {
  /** `canonical`, cached: a profile names the same few files over and over. */
  readonly canonical: (file: string) => string;
  readonly byKey: Map<string, number>;
  readonly groups: Acc[];
  readonly edges: Map<string, number>;
  readonly lines: LineCosts;
}

/** One group's sums in one model: self, total, self samples, total samples. */
type Sums = [number, number, number, number];

function cachedCanonical(canonical: (file: string) => string): (file: string) => string {
  const canon = new Map<string, string>();
  return (f) => {
    let c = canon.get(f);
    if (c === undefined) canon.set(f, (c = canonical(f)));
    return c;
  };
}

/**
 * CPU only: heap profiles (bytes) and event counts are no time. Mixed units cannot be added
 * up: keep the timed profiles when there are any (as the report does).
 */
function usableModels(models: readonly ProfileModel[]): {
  usable: readonly ProfileModel[];
  unit: InlineCosts['unit'];
} {
  const timed = models.filter((m) => m.weightUnit === 'milliseconds');
  return timed.length > 0
    ? { usable: timed, unit: 'ms' }
    : { usable: models.filter((m) => m.weightUnit === 'samples'), unit: 'samples' };
}

function newGroup(frame: ProfileFrame, canonical: (file: string) => string): Acc {
  return {
    name: frame.native ? frame.native.name : frame.name,
    ...(frame.native
      ? {
          native: {
            modulePath: frame.native.modulePath,
            ...(frame.native.owner ? { owner: frame.native.owner } : {}),
            ...(frame.native.trait ? { trait: frame.native.trait } : {}),
            name: frame.native.name,
          },
        }
      : { file: canonical(frame.file!), line: frame.line, column: frame.column }),
    self: 0,
    total: 0,
    selfSamples: 0,
    totalSamples: 0,
    perProcess: [],
  };
}

/** Each frame's group (-1: none, e.g. VM or `node:` frames), creating groups not seen before. */
function frameGroups(model: ProfileModel, b: Build): Int32Array {
  const groupOf = new Int32Array(model.frames.length);
  model.frames.forEach((frame, i) => {
    const key = groupKey(frame, b.canonical);
    if (key === undefined) {
      groupOf[i] = -1;
      return;
    }
    let g = b.byKey.get(key);
    if (g === undefined) {
      g = b.groups.length;
      b.byKey.set(key, g);
      b.groups.push(newGroup(frame, b.canonical));
    }
    groupOf[i] = g;
  });
  return groupOf;
}

/**
 * Each group's sums in one model. A group counts once per sample even when several of its frames
 * are on the stack (recursion, a closure under its own function).
 */
function modelSums(
  model: ProfileModel,
  groupOf: Int32Array,
  groupCount: number,
  node: { weight: Float64Array; samples: Float64Array },
): Map<number, Sums> {
  const { parentOf, frameOf } = model.stacks;
  const sums = new Map<number, Sums>();
  const bump = (g: number): Sums => {
    let e = sums.get(g);
    if (!e) sums.set(g, (e = [0, 0, 0, 0]));
    return e;
  };
  // `stamp[g] === node`: group g already counted for this node's stack.
  const stamp = new Int32Array(groupCount).fill(-1);
  // Folded stacks weigh each stack record by its sample count: the weight is the number of
  // samples.
  const countsAreWeights = model.weightUnit === 'samples';
  for (let n = 0; n < frameOf.length; n++) {
    const w = node.weight[n];
    const c = countsAreWeights ? w : node.samples[n];
    if (c === 0 && w === 0) continue;
    const top = groupOf[frameOf[n]];
    if (top >= 0) {
      const e = bump(top);
      e[0] += w;
      e[2] += c;
    }
    for (let a = n; a >= 0; a = parentOf[a]) {
      const g = groupOf[frameOf[a]];
      if (g < 0 || stamp[g] === n) continue;
      stamp[g] = n;
      const e = bump(g);
      e[1] += w;
      e[3] += c;
    }
  }
  return sums;
}

/** Adds one process's sums to the groups, and its own row to each group's per-process list. */
function addProcessSums(
  groups: Acc[],
  sums: ReadonlyMap<number, Sums>,
  process: string,
  processWeight: number,
): void {
  for (const [g, [s, t, sn, tn]] of sums) {
    const acc = groups[g];
    acc.self += s;
    acc.total += t;
    acc.selfSamples += sn;
    acc.totalSamples += tn;
    acc.perProcess.push({
      process,
      self: s,
      total: t,
      selfSamples: sn,
      totalSamples: tn,
      totalPct: processWeight > 0 ? (t / processWeight) * 100 : 0,
    });
  }
}

/** One model's call tree by group: what a union of groups needs once the model is dropped. */
function groupTree(
  model: ProfileModel,
  groupOf: Int32Array,
  node: { weight: Float64Array; samples: Float64Array },
  process: string,
  groupCount: number,
): GroupTree {
  const { parentOf, frameOf } = model.stacks;
  const groupOfNode = new Int32Array(frameOf.length);
  for (let n = 0; n < frameOf.length; n++) groupOfNode[n] = groupOf[frameOf[n]];
  return buildGroupTree(process, model.totalWeight, parentOf, groupOfNode, node, groupCount);
}

/** Adds one model's per-line self costs (`positionTicks`) by canonical file. */
function addLineCosts(
  lines: LineCosts,
  model: ProfileModel,
  canonical: (f: string) => string,
): void {
  for (const lc of lineCosts(model)) {
    const file = canonical(lc.file);
    let m = lines.get(file);
    if (!m) lines.set(file, (m = new Map<string, LineSum>()));
    const key = `${lc.line}|${lc.function?.line ?? ''}|${lc.function?.column ?? ''}`;
    const e = m.get(key);
    if (e) {
      e.self += lc.self;
      e.ticks += lc.ticks;
    } else
      m.set(key, {
        line: lc.line,
        self: lc.self,
        ticks: lc.ticks,
        ...(lc.function ? { function: lc.function } : {}),
      });
  }
}

/** The lookups matching uses: groups by file, files by base name, native groups by name. */
function indexGroups(
  groups: readonly CostGroup[],
): Pick<InlineCosts, 'groupsByFile' | 'filesByBaseName' | 'nativeByName'> {
  const groupsByFile = new Map<string, number[]>();
  const filesByBaseName = new Map<string, string[]>();
  const nativeByName = new Map<string, number[]>();
  for (const g of groups) {
    if (g.file) {
      const list = groupsByFile.get(g.file);
      if (list) list.push(g.id);
      else {
        groupsByFile.set(g.file, [g.id]);
        const b = baseName(g.file);
        filesByBaseName.set(b, [...(filesByBaseName.get(b) ?? []), g.file]);
      }
    }
    if (g.native)
      nativeByName.set(g.native.name, [...(nativeByName.get(g.native.name) ?? []), g.id]);
  }
  return { groupsByFile, filesByBaseName, nativeByName };
}

/**
 * Groups every profile's frames by function. `canonical` turns a profile path into the form
 * open documents are compared in (normalised; the server also resolves symlinks there).
 */
export function buildInlineCosts(
  models: readonly ProfileModel[],
  canonical: (file: string) => string = normalizeProfilePath,
): InlineCosts {
  const { usable, unit } = usableModels(models);
  const b: Build = {
    canonical: cachedCanonical(canonical),
    byKey: new Map(),
    groups: [],
    edges: new Map(),
    lines: new Map(),
  };
  let totalWeight = 0;
  let totalSamples = 0;
  const processes: { label: string; weight: number; samples: number }[] = [];
  const trees: GroupTree[] = [];

  for (const model of usable) {
    const label = processLabel(model);
    const samples = sampleCount(model) ?? 0;
    processes.push({ label, weight: model.totalWeight, samples });
    totalWeight += model.totalWeight;
    totalSamples += samples;
    const groupOf = frameGroups(model, b);
    const node = nodeSelf(model);
    addProcessSums(
      b.groups,
      modelSums(model, groupOf, b.groups.length, node),
      label,
      model.totalWeight,
    );
    addCallEdges(b.edges, model, groupOf, node.weight);
    trees.push(groupTree(model, groupOf, node, label, b.groups.length));
    addLineCosts(b.lines, model, b.canonical);
  }

  const groups: CostGroup[] = b.groups.map((g, id) => ({ id, ...g }));
  return {
    unit,
    totalWeight,
    totalSamples,
    evented: usable.some((m) => !hasSampleCounts(m)),
    processes,
    groups,
    ...topCallLinks(b.edges),
    ...indexGroups(groups),
    trees,
    lines: new Map([...b.lines].map(([file, m]) => [file, [...m.values()]])),
  };
}
