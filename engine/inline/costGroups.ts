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
import { nodeSelf } from '../profile/functionCosts';
import { lineCosts } from '../profile/lineCosts';
import { processLabel } from '../profile/merge';
import type { ProfileFrame, ProfileModel } from '../profile/model';
import { baseName, normalizeProfilePath } from './paths';

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

export interface CallLink {
  readonly group: number;
  /** Inclusive weight of the callee under this caller, in the source's unit. */
  readonly weight: number;
}

export interface InlineCosts {
  readonly unit: 'ms' | 'samples';
  readonly totalWeight: number;
  /** Samples (for folded stacks: the sum of their counts, not the number of stack lines). */
  readonly totalSamples: number;
  /**
   * True when a profile is evented (speedscope `evented`, Trace Event durations): its records are
   * intervals, so the sample counts here count intervals and are not shown as samples.
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
  /** Per-line self cost from `positionTicks`: normalised file → line → weight. */
  readonly lines: ReadonlyMap<
    string,
    ReadonlyMap<number, { readonly self: number; readonly ticks: number }>
  >;
}

const LINKS_KEPT = 5;

function groupKey(frame: ProfileFrame, canonical: (file: string) => string): string | undefined {
  if (frame.native)
    return `n\u0000${frame.native.modulePath}\u0000${frame.native.owner ?? ''}\u0000${frame.native.trait ?? ''}\u0000${frame.native.name}`;
  if (!frame.file || frame.line === undefined || frame.file.startsWith('node:')) return undefined;
  return `f\u0000${canonical(frame.file)}\u0000${frame.line}\u0000${frame.column ?? 0}`;
}

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

/**
 * Groups every profile's frames by function. `canonical` turns a profile path into the form
 * open documents are compared in (normalised; the server also resolves symlinks there).
 */
export function buildInlineCosts(
  models: readonly ProfileModel[],
  canonical: (file: string) => string = normalizeProfilePath,
): InlineCosts {
  // CPU only: heap profiles (bytes) and event counts are no time. Mixed units cannot be added
  // up: keep the timed profiles when there are any (as the report does).
  const timed = models.filter((m) => m.weightUnit === 'milliseconds');
  const usable = timed.length > 0 ? timed : models.filter((m) => m.weightUnit === 'samples');
  const unit: 'ms' | 'samples' = timed.length > 0 ? 'ms' : 'samples';
  const byKey = new Map<string, number>();
  const groups: Acc[] = [];
  const edges = new Map<string, number>();
  const lines = new Map<string, Map<number, { self: number; ticks: number }>>();
  const canon = new Map<string, string>();
  const canonicalCached = (f: string): string => {
    let c = canon.get(f);
    if (c === undefined) canon.set(f, (c = canonical(f)));
    return c;
  };
  let totalWeight = 0;
  let totalSamples = 0;
  const processes: { label: string; weight: number; samples: number }[] = [];

  for (const model of usable) {
    const label = processLabel(model);
    const sampleCount =
      model.weightUnit === 'samples' ? model.totalWeight : model.sampleStack.length;
    processes.push({ label, weight: model.totalWeight, samples: sampleCount });
    totalWeight += model.totalWeight;
    totalSamples += sampleCount;
    const groupOf = new Int32Array(model.frames.length);
    model.frames.forEach((frame, i) => {
      const key = groupKey(frame, canonicalCached);
      if (key === undefined) {
        groupOf[i] = -1;
        return;
      }
      let g = byKey.get(key);
      if (g === undefined) {
        g = groups.length;
        byKey.set(key, g);
        groups.push({
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
            : { file: canonicalCached(frame.file!), line: frame.line, column: frame.column }),
          self: 0,
          total: 0,
          selfSamples: 0,
          totalSamples: 0,
          perProcess: [],
        });
      }
      groupOf[i] = g;
    });

    const { parentOf, frameOf } = model.stacks;
    const { weight, samples } = nodeSelf(model);
    const self = new Map<number, [number, number, number, number]>();
    const bump = (g: number): [number, number, number, number] => {
      let e = self.get(g);
      if (!e) self.set(g, (e = [0, 0, 0, 0]));
      return e;
    };
    // `stamp[g] === node`: group g already counted for this node's stack.
    const stamp = new Int32Array(groups.length).fill(-1);
    // Folded stacks weigh each stack record by its sample count: the weight is the number of
    // samples.
    const countsAreWeights = model.weightUnit === 'samples';
    for (let node = 0; node < frameOf.length; node++) {
      const w = weight[node];
      const c = countsAreWeights ? w : samples[node];
      if (c === 0 && w === 0) continue;
      const top = groupOf[frameOf[node]];
      if (top >= 0) {
        const e = bump(top);
        e[0] += w;
        e[2] += c;
      }
      for (let a = node; a >= 0; a = parentOf[a]) {
        const g = groupOf[frameOf[a]];
        if (g < 0 || stamp[g] === node) continue;
        stamp[g] = node;
        const e = bump(g);
        e[1] += w;
        e[3] += c;
      }
    }
    for (const [g, [s, t, sn, tn]] of self) {
      const acc = groups[g];
      acc.self += s;
      acc.total += t;
      acc.selfSamples += sn;
      acc.totalSamples += tn;
      acc.perProcess.push({
        process: label,
        self: s,
        total: t,
        selfSamples: sn,
        totalSamples: tn,
        totalPct: model.totalWeight > 0 ? (t / model.totalWeight) * 100 : 0,
      });
    }

    // Caller → callee links between groups; frames without a group (VM, node:) are looked through.
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

    for (const lc of lineCosts(model)) {
      const file = canonicalCached(lc.file);
      let m = lines.get(file);
      if (!m) lines.set(file, (m = new Map<number, { self: number; ticks: number }>()));
      const e = m.get(lc.line);
      if (e) {
        e.self += lc.self;
        e.ticks += lc.ticks;
      } else m.set(lc.line, { self: lc.self, ticks: lc.ticks });
    }
  }

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

  const groupsByFile = new Map<string, number[]>();
  const filesByBaseName = new Map<string, string[]>();
  const nativeByName = new Map<string, number[]>();
  const frozen: CostGroup[] = groups.map((g, id) => ({ id, ...g }));
  for (const g of frozen) {
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
  return {
    unit,
    totalWeight,
    totalSamples,
    evented: usable.some((m) => m.evented === true),
    processes,
    groups: frozen,
    callers,
    callees,
    groupsByFile,
    filesByBaseName,
    nativeByName,
    lines,
  };
}
