/**
 * The speedscope reader as it was before the streaming scanner, kept only as the oracle of
 * speedscopeStreaming.test.ts: it parsed the whole text with `JSON.parse` and built the models from
 * the objects (its numbers were checked against speedscope's own importer). The streaming reader
 * must build exactly the same models from the same bytes.
 *
 * speedscope's own file format (https://www.speedscope.app/file-format-schema.json, speedscope
 * 1.x): `shared.frames` plus `profiles` that are either `sampled` (stacks of frame indices with
 * weights) or `evented` (open/close events at times). Frame `line`/`col` are 1-based. Times in
 * ns/µs/ms/s become ms; `none`/`bytes` stay as unitless weights (`samples`).
 */
import { errorAt, warningAt, type EngineDiagnostic } from '../../../../engine/diagnostics';
import { ProfileBuilder } from '../../../../engine/profile/builder';
import type { ImportResult } from '../../../../engine/profile/importer';
import type { ProfileModel } from '../../../../engine/profile/model';
import { parseNativeName } from '../../../../engine/profile/nativeNames';
import { invalidJson } from '../../../../engine/profile/textInput';

const SPEEDSCOPE = 'speedscope';
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
interface SsProfile {
  type?: unknown;
  startValue?: unknown;
  endValue?: unknown;
  name?: unknown;
  unit?: unknown;
  samples?: unknown;
  weights?: unknown;
  events?: unknown;
}

/**
 * Above this (ms or count) a weight is a corrupt number, not a measurement: about 3 years in ms.
 */
const MAX_WEIGHT = 1e11;

const num = (x: unknown): number | undefined =>
  typeof x === 'number' && Number.isFinite(x) ? x : undefined;

type FrameId = (index: unknown) => number | undefined;

/** A sampled profile's stacks and weights; returns the weight recorded (model unit). */
function importSampled(
  fileName: string,
  where: string,
  samples: unknown[],
  rawWeights: unknown,
  scale: number,
  b: ProfileBuilder,
  frameId: FrameId,
  unknownRefs: (n: number) => void,
): number {
  const weights = Array.isArray(rawWeights) ? (rawWeights as unknown[]) : [];
  if (weights.length !== samples.length)
    b.warn(
      warningAt(
        fileName,
        `${where}: ${samples.length} samples but ${weights.length} weights; missing weights ` +
          `count as 1`,
        { expected: 'equal lengths' },
      ),
    );
  let covered = 0;
  let bad = 0;
  let firstBad = -1;
  // Consecutive samples share most of their stack: the nodes of the previous stack are reused up
  // to the first entry that differs, so only the new tail is looked up (each sample lists its
  // whole stack, so interning every entry made this import ~4× JSON.parse).
  let prev: unknown[] = [];
  const prevNodes: number[] = [];
  // Unknown frame references in the reused prefix, so every sample's are still counted.
  const prevUnknown: number[] = [];
  samples.forEach((stack: unknown, s) => {
    if (!Array.isArray(stack)) return;
    let k = 0;
    while (k < stack.length && k < prev.length && stack[k] === prev[k]) k++;
    let node = k > 0 ? prevNodes[k - 1] : -1;
    let unknown = k > 0 ? prevUnknown[k - 1] : 0;
    unknownRefs(unknown);
    prevNodes.length = k;
    prevUnknown.length = k;
    for (let j = k; j < stack.length; j++) {
      const id = frameId(stack[j]);
      if (id !== undefined) node = b.node(node, id);
      else unknown++;
      prevNodes.push(node);
      prevUnknown.push(unknown);
    }
    prev = stack as unknown[];
    const raw = s < weights.length ? weights[s] : 1;
    const w = typeof raw === 'number' ? raw * scale : NaN;
    if (!(w >= 0 && w <= MAX_WEIGHT)) {
      bad++;
      if (firstBad < 0) firstBad = s;
      return;
    }
    b.sample(node, w);
    if (node >= 0) covered += w;
  });
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
  p: SsProfile,
  scale: number,
  b: ProfileBuilder,
  frameId: FrameId,
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
  for (const e of p.events as { type?: unknown; at?: unknown; frame?: unknown }[]) {
    const at = num(e?.at);
    if (at === undefined) {
      badTimes++;
      continue;
    }
    if (last !== undefined && at < last) backwards++;
    credit(at);
    if (last === undefined || at > last) last = at;
    if (e.type === 'O') {
      const id = frameId(e.frame);
      if (id === undefined) continue;
      nodes.push(node);
      open.push(e.frame as number);
      node = b.node(node, id);
    } else if (e.type === 'C') {
      if (open.length === 0 || open[open.length - 1] !== e.frame) mismatched++;
      if (open.length > 0) {
        open.pop();
        node = nodes.pop()!;
      }
    }
  }
  const end = num(p.endValue);
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

function importOne(fileName: string, frames: SsFrame[], p: SsProfile, index: number): ProfileModel {
  const unit = typeof p.unit === 'string' ? p.unit : 'none';
  const factor = TO_MS[unit];
  const b = new ProfileBuilder(factor !== undefined ? 'milliseconds' : 'samples');
  const scale = factor ?? 1;
  const ids = new Map<number, number>();
  let badFrames = 0;
  const frameId = (i: unknown): number | undefined => {
    if (typeof i !== 'number' || !frames[i]) {
      badFrames++;
      return undefined;
    }
    let id = ids.get(i);
    if (id === undefined) {
      const f = frames[i];
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
  if (p.type === 'sampled' && Array.isArray(p.samples)) {
    covered = importSampled(
      fileName,
      where,
      p.samples as unknown[],
      p.weights,
      scale,
      b,
      frameId,
      (n) => (badFrames += n),
    );
  } else if (p.type === 'evented' && Array.isArray(p.events)) {
    covered = importEvented(fileName, where, p, scale, b, frameId);
  } else {
    b.warn(
      warningAt(fileName, `${where}: unknown profile type ${JSON.stringify(p.type)}; skipped`, {
        expected: "'sampled' or 'evented'",
      }),
    );
  }
  // speedscope's total is the larger of endValue - startValue and the weights (its
  // `Profile.getTotalWeight`), so shares are of the whole window: the uncovered rest of the
  // window is time with nothing on the stack, shown as (idle) so the shares agree.
  const start = num(p.startValue);
  const end = num(p.endValue);
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
    name: typeof p.name === 'string' && p.name !== '' ? p.name : `${base} #${index + 1}`,
    source: fileName,
  });
}

export function parseSpeedscopeWithJsonParse(fileName: string, text: string): ImportResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return {
      kind: 'profiles',
      profiles: [],
      diagnostics: [invalidJson(fileName, text, e, 'a speedscope JSON file')],
    };
  }
  const root = json as { shared?: { frames?: unknown }; profiles?: unknown };
  if (!root || typeof root !== 'object' || !Array.isArray(root.profiles)) {
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
  }
  const frames = Array.isArray(root.shared?.frames) ? (root.shared.frames as SsFrame[]) : [];
  const profiles = (root.profiles as SsProfile[]).map((p, i) =>
    importOne(fileName, frames, p ?? {}, i),
  );
  const diagnostics: EngineDiagnostic[] = profiles.flatMap((p) => [...p.diagnostics]);
  return { kind: 'profiles', profiles, diagnostics };
}
