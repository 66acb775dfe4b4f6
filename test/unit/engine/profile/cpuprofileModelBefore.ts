/**
 * `cpuprofileToModel` as it was before it was split into steps and its sample pass was run in
 * blocks, kept only as the oracle of cpuprofileModel.test.ts: the split must build exactly the
 * same models from the same scanned arrays. (Its numbers are checked against hand computations
 * in v8Cpuprofile.test.ts.)
 *
 * Original notes: V8 `.cpuprofile` importer: `node --cpu-prof` (Node 20), Chrome DevTools "Save profile", the
 * inspector's `Profiler.stop` result (optionally as `{ "profile": … }`).
 * Reference: https://chromedevtools.github.io/devtools-protocol/tot/Profiler/#type-Profile
 *
 * Bases, which differ inside one file: `callFrame.lineNumber`/`columnNumber` are 0-based (-1 for
 * none); `positionTicks[].line` is 1-based. Times are microseconds. Sample `i` happened at
 * `startTime + Σ timeDeltas[0..i]`; like DevTools' `CPUProfileDataModel`, it stands for the time
 * until the next sample, and the last one for the time until `endTime`.
 */
import { fileURLToPath } from 'node:url';
import { warningAt } from '../../../../engine/diagnostics';
import { ProfileBuilder } from '../../../../engine/profile/builder';
import type { ImportResult } from '../../../../engine/profile/importer';
import type {
  RawCpuNode,
  RawCpuProfile,
} from '../../../../engine/profile/importers/v8CpuprofileScanner';

const V8_CPUPROFILE = 'v8-cpuprofile';

/** `file:///a/b.js` → `/a/b.js`; other URLs (`node:internal/…`, `https://…`) and paths unchanged. */
function urlToFile(url: string): string | undefined {
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

/** Builds the model from the scanned arrays; never throws. */
export function cpuprofileToModelBefore(fileName: string, raw: RawCpuProfile): ImportResult {
  const b = new ProfileBuilder('milliseconds');
  if (raw.incomplete) {
    b.warn({
      ...raw.incomplete,
      severity: 'warning',
      message: `${raw.incomplete.message}; showing what was read before it`,
    });
  }
  // Index nodes by id; derive parents from `children` (older/Node) or `parent` (newer Chrome).
  const byId = new Map<number, RawCpuNode>();
  for (const n of raw.nodes) if (n && typeof n.id === 'number') byId.set(n.id, n);
  const parent = new Map<number, number>();
  for (const n of byId.values()) {
    if (typeof n.parent === 'number') parent.set(n.id, n.parent);
    if (Array.isArray(n.children))
      for (const c of n.children) if (!parent.has(c)) parent.set(c, n.id);
  }
  const isRoot = (n: RawCpuNode): boolean =>
    n.callFrame?.functionName === '(root)' && !parent.has(n.id);
  // Stack node for every profile node, created parents first (iteratively: trees can be deep).
  const nodeOf = new Map<number, number>();
  const frameCache = new Map<number, number>();
  // url → file: a few dozen distinct scripts for tens of thousands of nodes; fileURLToPath is slow.
  const fileCache = new Map<string, string | undefined>();
  const fileOf = (url: unknown): string | undefined => {
    const u = typeof url === 'string' ? url : '';
    let f = fileCache.get(u);
    if (f === undefined && !fileCache.has(u)) {
      f = urlToFile(u);
      fileCache.set(u, f);
    }
    return f;
  };
  let badNames = 0;
  let cycles = 0;
  let danglingParents = 0;
  const chain: number[] = [];
  const resolve = (id: number): number => {
    chain.length = 0;
    let cur: number | undefined = id;
    // Cycle guard: the chain itself while short (the usual case: parents come first), a set past that.
    let guard: Set<number> | undefined;
    while (cur !== undefined && !nodeOf.has(cur)) {
      const n = byId.get(cur);
      if (!n) {
        if (cur !== id) danglingParents++;
        break;
      }
      if (guard) {
        if (guard.has(cur)) {
          cycles++;
          break;
        }
        guard.add(cur);
      } else if (chain.length >= 32) {
        guard = new Set(chain);
        if (guard.has(cur)) {
          cycles++;
          break;
        }
        guard.add(cur);
      } else if (chain.includes(cur)) {
        cycles++;
        break;
      }
      chain.push(cur);
      cur = parent.get(cur);
    }
    let stackNode = cur !== undefined && nodeOf.has(cur) ? nodeOf.get(cur)! : -1;
    for (let k = chain.length - 1; k >= 0; k--) {
      const n = byId.get(chain[k])!;
      if (isRoot(n)) {
        nodeOf.set(n.id, -1);
        stackNode = -1;
        continue;
      }
      let frame = frameCache.get(n.id);
      if (frame === undefined) {
        const cf = n.callFrame ?? {};
        const line =
          typeof cf.lineNumber === 'number' && cf.lineNumber >= 0 ? cf.lineNumber + 1 : undefined;
        const column =
          typeof cf.columnNumber === 'number' && cf.columnNumber >= 0
            ? cf.columnNumber + 1
            : undefined;
        const file = fileOf(cf.url);
        const fn: unknown = cf.functionName;
        if (fn !== undefined && typeof fn !== 'string') badNames++;
        frame = b.frame({
          name: typeof fn === 'string' && fn !== '' ? fn : '(anonymous)',
          ...(file ? { file } : {}),
          ...(line ? { line } : {}),
          ...(column ? { column } : {}),
        });
        frameCache.set(n.id, frame);
      }
      stackNode = b.node(stackNode, frame);
      nodeOf.set(n.id, stackNode);
      if (Array.isArray(n.positionTicks)) {
        const file = fileOf(n.callFrame?.url);
        for (const t of n.positionTicks)
          if (t && typeof t.line === 'number' && typeof t.ticks === 'number')
            b.addLineTicks(stackNode, t.line, t.ticks, file);
      }
    }
    return stackNode;
  };
  for (const id of byId.keys()) resolve(id);
  if (cycles > 0 || danglingParents > 0)
    b.warn(
      warningAt(
        fileName,
        `the node tree is broken: ${cycles} parent chains loop back on themselves and ${danglingParents} name a parent id not in 'nodes'; those nodes were attached at the top, so their callers are unknown`,
        { expected: "'children' (or 'parent') ids forming a tree under (root)" },
      ),
    );
  if (badNames > 0)
    b.warn(
      warningAt(
        fileName,
        `${badNames} nodes have a 'callFrame.functionName' that is not a string; shown as (anonymous)`,
        { expected: 'a string function name' },
      ),
    );

  const { samples, timeDeltas } = raw;
  const count = samples.length;
  if (timeDeltas.length > count) {
    const w = warningAt(
      fileName,
      `'samples' has ${count} entries but 'timeDeltas' has ${timeDeltas.length}; the extra deltas were ignored`,
      { expected: 'arrays of equal length' },
    );
    b.warn(w);
  }
  const startUs = raw.startTime ?? 0;
  // Samples past the end of timeDeltas (a truncated file) get the mean interval: the span over
  // the sample count when start and end are known, else the mean of the deltas we have.
  let fallbackUs = 0;
  if (timeDeltas.length < count) {
    let known = 0;
    for (let i = 1; i < timeDeltas.length; i++) known += Math.max(0, timeDeltas[i]);
    fallbackUs =
      raw.startTime !== undefined && raw.endTime !== undefined && count > 0
        ? (raw.endTime - raw.startTime) / count
        : timeDeltas.length > 1
          ? known / (timeDeltas.length - 1)
          : 0;
    b.warn(
      warningAt(
        fileName,
        `${count - timeDeltas.length} of ${count} samples have no time delta; each was given the mean interval (${(fallbackUs / 1000).toFixed(3)} ms)`,
        { expected: "one 'timeDeltas' entry per sample" },
      ),
    );
  }
  let missing = 0;
  let firstMissing = -1;
  let firstMissingId = 0;
  let tooLong = 0;
  let firstTooLong = -1;
  let negative = 0;
  let firstNegative = -1;
  // Node id → stack node, as a flat array when ids are dense (they are: V8 numbers them 1..n).
  let maxId = 0;
  for (const id of nodeOf.keys()) if (id > maxId) maxId = id;
  const dense = maxId < 4 * nodeOf.size + 1024;
  const idToStack = dense ? new Int32Array(maxId + 1).fill(-2) : undefined;
  if (idToStack) for (const [id, node] of nodeOf) idToStack[id] = node;
  // Stack node per sample, written over the ids when they are Int32 (the scanner's array is ours),
  // compacted in the same pass: samples at the root itself (-1) or at a missing node (-2) are
  // dropped, weights clamped to finite non-negative ms, exactly as ProfileBuilder.adoptSamples does.
  const stacks = samples instanceof Int32Array ? samples : new Int32Array(count);
  const weights = new Float64Array(count);
  const deltaCount = timeDeltas.length;
  let t = startUs;
  let kept = 0;
  let total = 0;
  // Fast section (its own function, so it optimizes on its own): both this sample's and the next
  // one's delta are known — all but the last sample of a well-formed profile.
  const fastEnd = Math.min(count - 1, deltaCount - 1);
  let i = 0;
  if (idToStack && fastEnd > 0) {
    const f = compactSamples(samples, timeDeltas, idToStack, stacks, weights, fastEnd, t);
    i = fastEnd;
    t = f.t;
    kept = f.kept;
    total = f.total;
    negative = f.negative;
    firstNegative = f.firstNegative;
    missing = f.missing;
    firstMissing = f.firstMissing;
    firstMissingId = f.firstMissingId;
    tooLong = f.tooLong;
    firstTooLong = f.firstTooLong;
  }
  for (; i < count; i++) {
    const d = i < deltaCount ? timeDeltas[i] : i === 0 ? 0 : fallbackUs;
    if (d < 0) {
      negative++;
      if (firstNegative < 0) firstNegative = i;
    }
    t += d;
    const next =
      i + 1 < count
        ? i + 1 < deltaCount
          ? timeDeltas[i + 1]
          : fallbackUs
        : raw.endTime !== undefined
          ? raw.endTime - t
          : fallbackUs;
    const id = samples[i];
    let node: number;
    if (idToStack) node = id >= 0 && id <= maxId ? (idToStack[id] ?? -2) : -2;
    else node = nodeOf.get(id) ?? -2;
    if (node === -2) {
      missing++;
      if (firstMissing < 0) {
        firstMissing = i;
        firstMissingId = id;
      }
    } else if (node >= 0) {
      const w = next / 1000;
      let wc = w > 0 ? w : 0;
      if (wc > MAX_SAMPLE_MS) {
        tooLong++;
        if (firstTooLong < 0) firstTooLong = i;
        wc = 0;
      }
      stacks[kept] = node;
      weights[kept] = wc;
      kept++;
      total += wc;
    }
  }
  b.adoptCompactedSamples(stacks, weights, kept, total);
  if (missing > 0) {
    b.warn(
      warningAt(
        fileName,
        `${missing} of ${count} samples point at node ids not in 'nodes' (first: samples[${firstMissing}] = ${firstMissingId}); they were dropped`,
        { expected: "sample ids that appear in 'nodes'" },
      ),
    );
  }
  if (negative > 0) {
    b.warn(
      warningAt(
        fileName,
        `${negative} negative time deltas (first: timeDeltas[${firstNegative}] = ${timeDeltas[firstNegative]}); the samples before them were given 0 ms`,
        { expected: 'non-negative microsecond deltas' },
      ),
    );
  }
  if (tooLong > 0) {
    b.warn(
      warningAt(
        fileName,
        `${tooLong} samples stand for more than a day each (first: samples[${firstTooLong}]); their time was left out`,
        { expected: `time deltas under ${MAX_SAMPLE_MS * 1000} µs` },
      ),
    );
  }
  const window = profileWindow(fileName, raw.startTime, raw.endTime, b);
  if (count === 0 && raw.seen.has('samples'))
    b.warn(
      warningAt(fileName, 'the profile has no samples; every cost is 0', {
        expected: 'a non-empty samples array',
      }),
    );
  const model = b.build({
    format: V8_CPUPROFILE,
    name: fileName.split(/[\\/]/).pop() ?? fileName,
    source: fileName,
    ...window,
  });
  return { kind: 'profiles', profiles: [model], diagnostics: model.diagnostics };
}

/** One sample standing for more than a day is not a measurement (a corrupt delta or clock). */
const MAX_SAMPLE_MS = 86_400_000;
/**
 * Microsecond clock values a profile can carry: V8's monotonic clock (since boot) or Unix time,
 * both well inside ±2^53 µs; a window longer than a year is a corrupt start or end.
 */
const MAX_WINDOW_US = 366 * 86_400_000_000;

/** `startMs`/`endMs` when they make a window; otherwise a warning and neither. */
function profileWindow(
  fileName: string,
  startUs: number | undefined,
  endUs: number | undefined,
  b: ProfileBuilder,
): { startMs?: number; endMs?: number } {
  if (startUs === undefined || endUs === undefined)
    return {
      ...(startUs !== undefined && Number.isFinite(startUs) ? { startMs: startUs / 1000 } : {}),
      ...(endUs !== undefined && Number.isFinite(endUs) ? { endMs: endUs / 1000 } : {}),
    };
  const span = endUs - startUs;
  if (Number.isFinite(span) && span >= 0 && span <= MAX_WINDOW_US)
    return { startMs: startUs / 1000, endMs: endUs / 1000 };
  b.warn(
    warningAt(
      fileName,
      `'startTime' ${startUs} and 'endTime' ${endUs} do not make a profile window; the window is not shown`,
      { expected: 'endTime ≥ startTime, at most a year apart (µs)' },
    ),
  );
  return {};
}

interface Compacted {
  kept: number;
  total: number;
  /** startUs plus the deltas summed in order. */
  t: number;
  negative: number;
  firstNegative: number;
  missing: number;
  firstMissing: number;
  firstMissingId: number;
  tooLong: number;
  firstTooLong: number;
}

/**
 * Samples [0, end) where both timeDeltas[i] and timeDeltas[i + 1] exist: stack node per sample
 * (dropping the root itself, -1, and missing ids, -2) and weight = the next delta in ms, clamped.
 * Index i is read before slot kept <= i is written, so `stacks` may alias `samples`.
 */
function compactSamples(
  samples: Int32Array | Float64Array | Uint16Array,
  timeDeltas: Int32Array | Float64Array,
  idToStack: Int32Array,
  stacks: Int32Array,
  weights: Float64Array,
  end: number,
  startUs: number,
): Compacted {
  const maxId = idToStack.length - 1;
  let kept = 0;
  let total = 0;
  let t = startUs;
  let negative = 0;
  let firstNegative = -1;
  let missing = 0;
  let firstMissing = -1;
  let firstMissingId = 0;
  let tooLong = 0;
  let firstTooLong = -1;
  let d = timeDeltas[0];
  for (let i = 0; i < end; i++) {
    const next = timeDeltas[i + 1];
    if (d < 0) {
      negative++;
      if (firstNegative < 0) firstNegative = i;
    }
    t += d;
    const id = samples[i];
    // A fractional id reads `undefined` (not a node): it is missing, not node 0.
    const node = id >= 0 && id <= maxId ? (idToStack[id] ?? -2) : -2;
    if (node >= 0) {
      const w = next / 1000;
      let wc = w > 0 ? w : 0;
      if (wc > MAX_SAMPLE_MS) {
        tooLong++;
        if (firstTooLong < 0) firstTooLong = i;
        wc = 0;
      }
      stacks[kept] = node;
      weights[kept] = wc;
      kept++;
      total += wc;
    } else if (node === -2) {
      missing++;
      if (firstMissing < 0) {
        firstMissing = i;
        firstMissingId = id;
      }
    }
    d = next;
  }
  return {
    kept,
    total,
    t,
    negative,
    firstNegative,
    missing,
    firstMissing,
    firstMissingId,
    tooLong,
    firstTooLong,
  };
}
