/**
 * speedscope's own file format (https://www.speedscope.app/file-format-schema.json, speedscope
 * 1.x): `shared.frames` plus `profiles` that are either `sampled` (stacks of frame indices with
 * weights) or `evented` (open/close events at times). Frame `line`/`col` are 1-based. Times in
 * ns/µs/ms/s become ms; `none`/`bytes` stay as unitless weights (`samples`).
 *
 * The bytes stream through `SpeedscopeScanner` (compact stacks, weights and events, no string of
 * the whole file); this module builds the models from what it read.
 */
import { errorAt, warningAt, type EngineDiagnostic } from '../../diagnostics';
import { ProfileBuilder } from '../builder';
import type { ImportResult, ProfileImporter, ProfileInput, StreamParser } from '../importer';
import type { ProfileModel } from '../model';
import { parseNativeName } from '../nativeNames';
import type { GrowFloats, GrowInts, RawTrie } from './speedscopeLists';
import type { RawSsProfile } from './speedscopeRaw';
import { SpeedscopeScanner } from './speedscopeScanner';

export const SPEEDSCOPE = 'speedscope';
const TO_MS: Record<string, number> = {
  nanoseconds: 1e-6,
  microseconds: 1e-3,
  milliseconds: 1,
  seconds: 1000,
};

interface SsFrame {
  name?: unknown;
  file?: unknown;
  line?: unknown;
  col?: unknown;
}

/**
 * Above this (ms or count) a weight is a corrupt number, not a measurement: about 3 years in ms.
 */
const MAX_WEIGHT = 1e11;

const num = (x: unknown): number | undefined =>
  typeof x === 'number' && Number.isFinite(x) ? x : undefined;

/** The model's frame for a raw index into `shared.frames`, or undefined when it names none. */
type FrameOf = (index: number) => number | undefined;

/**
 * Trie nodes → stack nodes, and how many entries on each path name no frame. Walked in the order
 * the paths first appear in the file, so frames and stack nodes are made in the order a sample
 * by sample reading makes them.
 */
function resolveTrie(
  trie: RawTrie,
  b: ProfileBuilder,
  frameOf: FrameOf,
): { node: Int32Array; unknown: Int32Array } {
  const n = trie.size;
  const node = new Int32Array(n);
  const unknown = new Int32Array(n);
  const parentOf = trie.parentOf.data;
  const rawOf = trie.rawOf.data;
  for (let t = 0; t < n; t++) {
    const p = parentOf[t];
    const up = p >= 0 ? node[p] : -1;
    const id = rawOf[t] >= 0 ? frameOf(rawOf[t]) : undefined;
    node[t] = id !== undefined ? b.node(up, id) : up;
    unknown[t] = (p >= 0 ? unknown[p] : 0) + (id === undefined ? 1 : 0);
  }
  return { node, unknown };
}

/** A sampled profile's stacks and weights; returns the weight recorded (model unit). */
function importSampled(
  fileName: string,
  where: string,
  stacks: { trie: RawTrie; sampleNode: GrowInts },
  weights: GrowFloats | undefined,
  scale: number,
  b: ProfileBuilder,
  frameOf: FrameOf,
  unknownRefs: (n: number) => void,
): number {
  const count = stacks.sampleNode.length;
  const weightCount = weights?.length ?? 0;
  if (weightCount !== count)
    b.warn(
      warningAt(
        fileName,
        `${where}: ${count} samples but ${weightCount} weights; missing weights count as 1`,
        { expected: 'equal lengths' },
      ),
    );
  const { node, unknown } = resolveTrie(stacks.trie, b, frameOf);
  const sampleNode = stacks.sampleNode.data;
  const w = weights?.data;
  let covered = 0;
  let bad = 0;
  let firstBad = -1;
  for (let s = 0; s < count; s++) {
    const t = sampleNode[s];
    if (t === -2) continue; // not an array: no sample
    if (t >= 0) unknownRefs(unknown[t]);
    const stackNode = t >= 0 ? node[t] : -1;
    const weight = (s < weightCount ? w![s] : 1) * scale;
    if (!(weight >= 0 && weight <= MAX_WEIGHT)) {
      bad++;
      if (firstBad < 0) firstBad = s;
      continue;
    }
    b.sample(stackNode, weight);
    if (stackNode >= 0) covered += weight;
  }
  if (bad > 0)
    b.warn(
      warningAt(
        fileName,
        `${where}: ${bad} weights are negative, not numbers or out of range (first: ` +
          `weights[${firstBad}]); those samples were left out`,
        { expected: 'finite non-negative weights' },
      ),
    );
  return covered;
}

/**
 * An evented profile: `O`/`C` events at times `at`; the time between two events belongs to the
 * stack open between them (speedscope's `CallTreeProfileBuilder`). Frames still open at the end
 * are closed at `endValue` (speedscope refuses such files); returns the weight recorded.
 */
function importEvented(
  fileName: string,
  where: string,
  events: NonNullable<RawSsProfile['events']>,
  endValue: unknown,
  scale: number,
  b: ProfileBuilder,
  frameOf: FrameOf,
  badFrame: () => void,
): number {
  const open: number[] = [];
  const nodes: number[] = [];
  let node = -1;
  let last: number | undefined;
  let mismatched = 0;
  let backwards = 0;
  let badTimes = 0;
  let covered = 0;
  const credit = (to: number): void => {
    if (last === undefined || node < 0 || to <= last) return;
    const w = (to - last) * scale;
    if (w <= MAX_WEIGHT) {
      b.sample(node, w);
      covered += w;
    } else badTimes++;
  };
  const kind = events.kind.data;
  const atOf = events.at.data;
  const frameAt = events.frame.data;
  for (let k = 0; k < events.kind.length; k++) {
    if (kind[k] === 0) {
      badTimes++;
      continue;
    }
    const at = atOf[k];
    if (last !== undefined && at < last) backwards++;
    credit(at);
    if (last === undefined || at > last) last = at;
    if (kind[k] === 1) {
      const id = frameOf(frameAt[k]);
      if (id === undefined) {
        badFrame();
        continue;
      }
      nodes.push(node);
      open.push(frameAt[k]);
      node = b.node(node, id);
    } else if (kind[k] === 2) {
      if (open.length === 0 || open[open.length - 1] !== frameAt[k]) mismatched++;
      if (open.length > 0) {
        open.pop();
        node = nodes.pop()!;
      }
    }
  }
  const end = num(endValue);
  if (open.length > 0) {
    if (end !== undefined) credit(end);
    b.warn(
      warningAt(
        fileName,
        `${where}: ${open.length} frames are still open after the last event (a trace cut ` +
          `short?); they were closed ` +
          `at ${end !== undefined ? `endValue ${end}` : 'the last event'}`,
        { expected: "a 'C' event for every 'O' event" },
      ),
    );
  }
  if (mismatched > 0)
    b.warn(
      warningAt(
        fileName,
        `${where}: ${mismatched} close events do not match the innermost open frame`,
        { expected: 'properly nested O/C events' },
      ),
    );
  if (backwards > 0)
    b.warn(
      warningAt(
        fileName,
        `${where}: ${backwards} events go back in time; no time was credited for them`,
        {
          expected: "events in order of 'at'",
        },
      ),
    );
  if (badTimes > 0)
    b.warn(
      warningAt(
        fileName,
        `${where}: ${badTimes} events have an 'at' that is not a number or a gap out of ` +
          `range; their time was left out`,
        { expected: 'finite event times' },
      ),
    );
  return covered;
}

function importOne(
  fileName: string,
  frames: readonly unknown[],
  p: RawSsProfile,
  index: number,
): ProfileModel {
  const { type, unit: rawUnit, name: rawName, startValue, endValue } = p.fields;
  const unit = typeof rawUnit === 'string' ? rawUnit : 'none';
  const factor = TO_MS[unit];
  const b = new ProfileBuilder(factor !== undefined ? 'milliseconds' : 'samples');
  const scale = factor ?? 1;
  const ids = new Map<number, number>();
  let badFrames = 0;
  const frameOf = (i: number): number | undefined => {
    const f = frames[i] as SsFrame | undefined;
    if (!f) return undefined;
    let id = ids.get(i);
    if (id === undefined) {
      const name = typeof f.name === 'string' ? f.name : '(unnamed)';
      const native = parseNativeName(name);
      const line = num(f.line);
      const column = num(f.col);
      id = b.frame({
        name,
        ...(typeof f.file === 'string' ? { file: f.file } : {}),
        ...(line ? { line } : {}),
        ...(column ? { column } : {}),
        ...(native ? { native } : {}),
      });
      ids.set(i, id);
    }
    return id;
  };
  const where = `profiles[${index}]`;
  let covered = 0;
  if (type === 'sampled' && p.samples) {
    covered = importSampled(
      fileName,
      where,
      p.samples,
      p.weights,
      scale,
      b,
      frameOf,
      (n) => (badFrames += n),
    );
  } else if (type === 'evented' && p.events) {
    covered = importEvented(
      fileName,
      where,
      p.events,
      endValue,
      scale,
      b,
      frameOf,
      () => badFrames++,
    );
  } else {
    b.warn(
      warningAt(fileName, `${where}: unknown profile type ${JSON.stringify(type)}; skipped`, {
        expected: "'sampled' or 'evented'",
      }),
    );
  }
  // speedscope's total is the larger of endValue - startValue and the weights (its
  // `Profile.getTotalWeight`), so shares are of the whole window: the uncovered rest of the
  // window is time with nothing on the stack, shown as (idle) so the shares agree.
  const start = num(startValue);
  const end = num(endValue);
  if (start !== undefined && end !== undefined) {
    const rest = (end - start) * scale - covered;
    if (rest > 1e-9 * Math.max(1, covered) && Number.isFinite(rest))
      b.sample(b.node(-1, b.frame({ name: '(idle)' })), rest);
  }
  if (badFrames > 0)
    b.warn(
      warningAt(
        fileName,
        `${where}: ${badFrames} references to frames not in shared.frames were skipped`,
        { expected: 'indices into shared.frames' },
      ),
    );
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  return b.build({
    format: SPEEDSCOPE,
    name: typeof rawName === 'string' && rawName !== '' ? rawName : `${base} #${index + 1}`,
    source: fileName,
    ...(type === 'evented' ? { evented: true as const } : {}),
  });
}

function streamParser(fileName: string): StreamParser {
  const scanner = new SpeedscopeScanner();
  return {
    push: (chunk) => scanner.push(chunk),
    end: (): ImportResult => {
      const r = scanner.end();
      if ('failure' in r) {
        const f = r.failure;
        const at = { line: f.line, ...(f.column !== undefined ? { column: f.column } : {}) };
        return {
          kind: 'profiles',
          profiles: [],
          diagnostics: [errorAt(fileName, f.message, { ...at, expected: f.expected })],
        };
      }
      if (!r.raw.profiles)
        return {
          kind: 'profiles',
          profiles: [],
          diagnostics: [
            errorAt(fileName, "the JSON has no 'profiles' array", {
              line: 1,
              column: 1,
              expected: 'a speedscope file with shared.frames and profiles',
            }),
          ],
        };
      const frames = r.raw.frames;
      const profiles = r.raw.profiles.map((p, i) => importOne(fileName, frames, p, i));
      const diagnostics: EngineDiagnostic[] = profiles.flatMap((p) => [...p.diagnostics]);
      return { kind: 'profiles', profiles, diagnostics };
    },
  };
}

/** A whole speedscope file held as text (tests, small inputs). */
export function parseSpeedscope(fileName: string, text: string): ImportResult {
  const p = streamParser(fileName);
  p.push(new TextEncoder().encode(text));
  return p.end();
}

export const speedscopeImporter: ProfileImporter = {
  id: SPEEDSCOPE,
  label: 'speedscope JSON',
  reads: 'speedscope JSON file format (speedscope 1.x, sampled and evented)',
  matchesName: (name) => /\.speedscope\.json$/i.test(name),
  sniff(head) {
    if (
      !head
        .replace(/^\uFEFF/, '')
        .trimStart()
        .startsWith('{')
    )
      return "does not start with '{'";
    return /"\$schema"\s*:\s*"https:\/\/www\.speedscope\.app\/file-format-schema\.json"/.test(
      head,
    ) ||
      (/"shared"\s*:/.test(head) && /"profiles"\s*:/.test(head))
      ? null
      : 'no speedscope $schema or shared/profiles keys';
  },
  parse(input: ProfileInput): ImportResult {
    const p = streamParser(input.fileName);
    for (const c of input.chunks) p.push(c);
    return p.end();
  },
  createStreamParser: streamParser,
};
