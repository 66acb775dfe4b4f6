/**
 * Builds a `ProfileModel` from stacks, the way speedscope's `StackListProfileBuilder` does:
 * frames are interned by (name, file, line, column), stacks by (parent, frame), so importers only
 * say "this stack, this weight". The builder enforces the model's invariants (finite,
 * non-negative weights; known frames) so no importer has to.
 */
import type { EngineDiagnostic } from '../diagnostics';
import type { LineTicks, ProfileFrame, ProfileModel, WeightUnit } from './model';
import type { SampleWeights } from './sampleWeights';

export interface FrameInput {
  readonly name: string;
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  readonly native?: ProfileFrame['native'];
}

export interface ModelMeta {
  readonly format: string;
  readonly name: string;
  readonly source?: string;
  readonly pid?: number;
  readonly command?: string;
  readonly startMs?: number;
  readonly endMs?: number;
  readonly weightLabel?: string;
  /** Set by evented importers: the records are intervals between events, not samples. */
  readonly evented?: true;
  /** Set when the records are not samples (callgrind cost lines): no sample count. */
  readonly uncounted?: true;
  /** Samples per record, one per recorded sample, when a record stands for several (pprof). */
  readonly sampleCounts?: Float64Array;
}

/** A growable Int32 array: sample arrays reach tens of millions of entries. */
// Lists start small: a perf script file with 10,000 pids builds 10,000 models (was 28 KB each
// before a sample).
class IntList {
  data: Int32Array<ArrayBufferLike> = new Int32Array(16);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  /**
   * The list as an exact-length array; a view (no copy) when it is nearly full, else a trimmed
   * copy.
   */
  finish(): Int32Array {
    return this.length >= this.data.length * 0.9
      ? this.data.subarray(0, this.length)
      : this.data.slice(0, this.length);
  }
}

/** The sample stacks: Int32 pushed one by one, or an adopted Uint16 array taken as it is. */
class StackList {
  data: Int32Array<ArrayBufferLike> | Uint16Array<ArrayBufferLike> = new Int32Array(16);
  length = 0;
  /** Int32 storage, so that `push` and `addSamples` can append any stack node. */
  wide(): Int32Array<ArrayBufferLike> {
    if (this.data instanceof Int32Array) return this.data;
    const next = new Int32Array(Math.max(16, this.length));
    next.set(this.data.subarray(0, this.length));
    this.data = next;
    return next;
  }
  push(v: number): void {
    let data = this.wide();
    if (this.length === data.length) {
      const next = new Int32Array(data.length * 2);
      next.set(data);
      this.data = data = next;
    }
    data[this.length++] = v;
  }
  finish(): Int32Array | Uint16Array {
    return this.length >= this.data.length * 0.9
      ? this.data.subarray(0, this.length)
      : this.data.slice(0, this.length);
  }
}

/**
 * The sample weights: Float64 pushed one by one, or an adopted array (a V8 cpuprofile's Int32
 * µs, divisor 1000) taken as it is; see sampleWeights.ts.
 */
class WeightList {
  data: Float64Array<ArrayBufferLike> | Int32Array<ArrayBufferLike> = new Float64Array(16);
  length = 0;
  divisor = 1;
  /** Float64 weights in the unit, so that `push` and `addSamples` can append to them. */
  plain(): Float64Array<ArrayBufferLike> {
    if (this.data instanceof Float64Array && this.divisor === 1) return this.data;
    const next = new Float64Array(Math.max(16, this.length));
    for (let i = 0; i < this.length; i++) next[i] = this.data[i] / this.divisor;
    this.data = next;
    this.divisor = 1;
    return next;
  }
  push(v: number): void {
    let data = this.plain();
    if (this.length === data.length) {
      const next = new Float64Array(data.length * 2);
      next.set(data);
      this.data = data = next;
    }
    data[this.length++] = v;
  }
  /** The weights, exact length (a view when nearly full, else a trimmed copy). */
  finish(): SampleWeights {
    const values =
      this.length >= this.data.length * 0.9
        ? this.data.subarray(0, this.length)
        : this.data.slice(0, this.length);
    return { values, divisor: this.divisor };
  }
}

export class ProfileBuilder {
  private readonly frames: ProfileFrame[] = [];
  private readonly frameIds = new Map<string, number>();
  private readonly parentOf = new IntList();
  private readonly frameOf = new IntList();
  private readonly depthOf = new IntList();
  private readonly childIds = new Map<number, number>();
  /**
   * Per node, the frame and id of its first child (-1: none yet). Most nodes have one child and a
   * deep stack is a chain of them: found here without the Map, whose packed keys are doubles past
   * 2^31 and hash slowly (a 400,000-frame folded line took 3.4× as long as one of 200,000).
   */
  private readonly firstChildFrame = new IntList();
  private readonly firstChild = new IntList();
  private readonly rootIds = new Map<number, number>();
  private readonly sampleStack = new StackList();
  private readonly sampleWeight = new WeightList();
  private readonly lineTicks: LineTicks[] = [];
  private readonly diagnostics: EngineDiagnostic[] = [];
  private totalWeight = 0;

  constructor(private readonly weightUnit: WeightUnit) {}

  /** Interns a frame; the same (name, file, line, column) always gets the same id. */
  frame(f: FrameInput): number {
    // A last guard for importers: the views sort and pad names as strings.
    const name: unknown = f.name;
    if (typeof name !== 'string') f = { ...f, name: String(name) };
    const key = `${f.name}\u0000${f.file ?? ''}\u0000${f.line ?? ''}\u0000${f.column ?? ''}`;
    let id = this.frameIds.get(key);
    if (id === undefined) {
      id = this.frames.length;
      // Assigned one by one (not spread): tens of thousands of frames, and spreads allocate.
      const frame: { -readonly [K in keyof ProfileFrame]: ProfileFrame[K] } = { id, name: f.name };
      if (f.file !== undefined && f.file !== '') frame.file = f.file;
      if (f.line !== undefined && f.line > 0) frame.line = f.line;
      if (f.column !== undefined && f.column > 0) frame.column = f.column;
      if (f.native) frame.native = f.native;
      this.frames.push(frame);
      this.frameIds.set(key, id);
    }
    return id;
  }

  /** The stack node for `frameId` called from `parent` (-1 for a root); interned. */
  node(parent: number, frameId: number): number {
    let first = -2; // the parent's first child's frame; -1 none; -2 a root (no parent)
    if (parent >= 0) {
      first = this.firstChildFrame.data[parent];
      if (first === frameId) return this.firstChild.data[parent];
    }
    // Pack (parent, frame) into one number key: both are < 2^26 in any profile we can hold.
    const key = (parent + 1) * 67108864 + frameId;
    const table = parent < 0 ? this.rootIds : this.childIds;
    let id = first === -1 ? undefined : table.get(parent < 0 ? frameId : key);
    if (id === undefined) {
      id = this.frameOf.length;
      this.parentOf.push(parent);
      this.frameOf.push(frameId);
      this.depthOf.push(parent < 0 ? 0 : this.depthOf.data[parent] + 1);
      this.firstChildFrame.push(-1);
      this.firstChild.push(-1);
      if (first === -1) {
        this.firstChildFrame.data[parent] = frameId;
        this.firstChild.data[parent] = id;
      } else table.set(parent < 0 ? frameId : key, id);
    }
    return id;
  }

  /** The stack node for a root-first list of frame ids. */
  stack(rootFirstFrames: readonly number[]): number {
    let node = -1;
    for (const f of rootFirstFrames) node = this.node(node, f);
    return node;
  }

  /**
   * Records one sample at stack node `node` (-1 = empty stack, dropped). Negative or non-finite
   * weights count as 0.
   */
  sample(node: number, weight: number): void {
    if (node < 0) return;
    const w = Number.isFinite(weight) && weight > 0 ? weight : 0;
    this.sampleStack.push(node);
    this.sampleWeight.push(w);
    this.totalWeight += w;
  }

  /**
   * Appends many samples at once (merging models): `stacks[i] < 0` entries are skipped, weights
   * are clamped like `sample`. Avoids a call per sample on profiles with millions.
   */
  addSamples(stacks: Int32Array | Uint16Array, weights: SampleWeights): void {
    const n = stacks.length;
    const ss = this.sampleStack;
    const sw = this.sampleWeight;
    let out = sw.plain();
    let outStacks = ss.wide();
    if (outStacks.length < ss.length + n) {
      const a = new Int32Array(ss.length + n);
      a.set(outStacks.subarray(0, ss.length));
      ss.data = outStacks = a;
    }
    if (out.length < sw.length + n) {
      const b = new Float64Array(sw.length + n);
      b.set(out.subarray(0, sw.length));
      sw.data = out = b;
    }
    const { values, divisor } = weights;
    let len = ss.length;
    let total = 0;
    for (let i = 0; i < n; i++) {
      const node = stacks[i];
      if (node < 0) continue;
      const w0 = values[i] / divisor;
      const w = w0 > 0 && w0 !== Infinity ? w0 : 0;
      outStacks[len] = node;
      out[len] = w;
      len++;
      total += w;
    }
    ss.length = len;
    sw.length = len;
    this.totalWeight += total;
  }

  /**
   * Takes `stacks`/`weights` as the sample arrays, without copying, when no sample was added yet
   * (the V8 importer's path for tens of millions of samples; source maps share a model's
   * weights). The first `length` entries are the samples (stack >= 0, `weights[i] / divisor`
   * finite and >= 0) and `total` their weight sum. The caller must not change the arrays
   * afterwards.
   */
  adoptCompactedSamples(
    stacks: Int32Array | Uint16Array,
    weights: Float64Array | Int32Array,
    length: number,
    total: number,
    divisor = 1,
  ): void {
    if (this.sampleStack.length > 0)
      return this.addSamples(stacks.subarray(0, length), {
        values: weights.subarray(0, length),
        divisor,
      });
    this.sampleStack.data = stacks;
    this.sampleStack.length = length;
    this.sampleWeight.data = weights;
    this.sampleWeight.length = length;
    this.sampleWeight.divisor = divisor;
    this.totalWeight += total;
  }

  addLineTicks(node: number, line: number, ticks: number, file?: string): void {
    if (line > 0 && ticks > 0)
      this.lineTicks.push(file === undefined ? { node, line, ticks } : { node, line, ticks, file });
  }

  warn(d: EngineDiagnostic): void {
    this.diagnostics.push(d);
  }

  get sampleCount(): number {
    return this.sampleStack.length;
  }

  build(meta: ModelMeta): ProfileModel {
    return {
      ...meta,
      frames: this.frames,
      stacks: {
        parentOf: this.parentOf.finish(),
        frameOf: this.frameOf.finish(),
        depthOf: this.depthOf.finish(),
      },
      sampleStack: this.sampleStack.finish(),
      sampleWeight: this.sampleWeight.finish(),
      weightUnit: this.weightUnit,
      totalWeight: this.totalWeight,
      lineTicks: this.lineTicks,
      diagnostics: this.diagnostics,
    };
  }
}
