/**
 * speedscope's own file format (https://www.speedscope.app/file-format-schema.json, speedscope
 * 1.x): `shared.frames` plus `profiles` that are either `sampled` (stacks of frame indices with
 * weights) or `evented` (open/close events at times). Frame `line`/`col` are 1-based. Times in
 * ns/µs/ms/s become ms; `none`/`bytes` stay as unitless weights (`samples`).
 */
import { errorAt, warningAt, type EngineDiagnostic } from '../../diagnostics';
import { ProfileBuilder } from '../builder';
import type { ImportResult, ProfileImporter, ProfileInput } from '../importer';
import type { ProfileModel } from '../model';
import { parseNativeName } from '../nativeNames';
import { decodeChunks, jsonErrorPosition, lineColumnAt } from '../textInput';

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
interface SsProfile {
  type?: unknown;
  name?: unknown;
  unit?: unknown;
  samples?: unknown;
  weights?: unknown;
  events?: unknown;
}

const num = (x: unknown): number | undefined =>
  typeof x === 'number' && Number.isFinite(x) ? x : undefined;

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
  if (p.type === 'sampled' && Array.isArray(p.samples)) {
    const weights = Array.isArray(p.weights) ? p.weights : [];
    if (weights.length !== p.samples.length)
      b.warn(
        warningAt(
          fileName,
          `${where}: ${p.samples.length} samples but ${weights.length} weights; missing weights count as 1`,
          { expected: 'equal lengths' },
        ),
      );
    p.samples.forEach((stack: unknown, s) => {
      if (!Array.isArray(stack)) return;
      let node = -1;
      for (const fi of stack) {
        const id = frameId(fi);
        if (id !== undefined) node = b.node(node, id);
      }
      b.sample(node, (num(weights[s]) ?? 1) * scale);
    });
  } else if (p.type === 'evented' && Array.isArray(p.events)) {
    const open: number[] = [];
    let node = -1;
    let last: number | undefined;
    let mismatched = 0;
    const nodes: number[] = [];
    for (const e of p.events as { type?: unknown; at?: unknown; frame?: unknown }[]) {
      const at = num(e?.at);
      if (at === undefined) continue;
      if (last !== undefined && node >= 0 && at > last) b.sample(node, (at - last) * scale);
      last = at;
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
    if (mismatched > 0)
      b.warn(
        warningAt(
          fileName,
          `${where}: ${mismatched} close events do not match the innermost open frame`,
          { expected: 'properly nested O/C events' },
        ),
      );
  } else {
    b.warn(
      warningAt(fileName, `${where}: unknown profile type ${JSON.stringify(p.type)}; skipped`, {
        expected: "'sampled' or 'evented'",
      }),
    );
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

export function parseSpeedscope(fileName: string, text: string): ImportResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const pos = jsonErrorPosition(msg, text);
    const where = pos !== undefined ? lineColumnAt(text, pos) : {};
    return {
      kind: 'profiles',
      profiles: [],
      diagnostics: [
        errorAt(fileName, `invalid JSON: ${msg}`, { ...where, expected: 'a speedscope JSON file' }),
      ],
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

export const speedscopeImporter: ProfileImporter = {
  id: SPEEDSCOPE,
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
    const d = decodeChunks(input.fileName, input.chunks, 'speedscope');
    if ('error' in d) return { kind: 'profiles', profiles: [], diagnostics: [d.error] };
    return parseSpeedscope(input.fileName, d.text);
  },
};
