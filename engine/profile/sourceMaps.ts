/**
 * Maps a profile of compiled JavaScript back to the TypeScript a developer edits (file, line,
 * column and — for anonymous or minified frames — function name), with `@jridgewell/trace-mapping`.
 *
 * Pure: the caller supplies `lookup(file)` returning a parsed map or undefined; reading files and
 * `//# sourceMappingURL` comments is `loadSourceMaps.ts`'s job, at the edge.
 */
import {
  GREATEST_LOWER_BOUND,
  LEAST_UPPER_BOUND,
  decodedMappings,
  originalPositionFor,
  type TraceMap,
} from '@jridgewell/trace-mapping';
import { fileURLToPath } from 'node:url';
import { ProfileBuilder } from './builder';
import type { ProfileFrame, ProfileModel } from './model';

export type SourceMapLookup = (generatedFile: string) => TraceMap | undefined;

interface Original {
  file: string;
  line: number;
  column: number;
  name?: string;
}

function toPath(source: string): string {
  if (source.startsWith('file://')) {
    try {
      return fileURLToPath(source);
    } catch {
      return source;
    }
  }
  return source;
}

function original(map: TraceMap, line: number, column0: number): Original | undefined {
  for (const bias of [GREATEST_LOWER_BOUND, LEAST_UPPER_BOUND] as const) {
    const p = originalPositionFor(map, { line, column: column0, bias });
    if (p.source !== null && p.line !== null && p.column !== null) {
      return {
        file: toPath(p.source),
        line: p.line,
        column: p.column + 1,
        ...(p.name ? { name: p.name } : {}),
      };
    }
  }
  return undefined;
}

/**
 * The original name of the identifier just before a function's position on its generated line.
 * V8 places a function at its parameter list (`function d(n)` → the `(`), where maps carry no
 * name; minifiers record the original name on the identifier segment before it.
 */
function nameBefore(map: TraceMap, line: number, column0: number): string | undefined {
  const segments = decodedMappings(map)[line - 1];
  if (!segments) return undefined;
  let best: string | undefined;
  for (const seg of segments) {
    if (seg[0] > column0) break;
    if (seg.length === 5) best = map.names[seg[4]];
  }
  return best;
}

/** A segment that points into a source: generated column, source, line, column (0-based). */
type MappedSegment = readonly [number, number, number, number, ...number[]];

function mapped(segments: readonly (readonly number[])[] | undefined): MappedSegment[] {
  return (segments ?? []).filter((seg): seg is MappedSegment => seg.length >= 4);
}

/**
 * The source line of a generated line's code, for V8's `positionTicks` (a line, no column). The
 * line's first segment is often not its code: bundlers map the indentation or a token spanning the
 * line break to where the previous line left off (esbuild maps the `  ` before `async pinCar(` to
 * the `}` closing the method above). So the first segment that does not repeat the previous
 * line's last mapping is the line's code; a line that only continues (a template literal's middle)
 * keeps its first segment.
 */
function tickSource(map: TraceMap, line: number): { file: string; line: number } | undefined {
  const all = decodedMappings(map);
  const segments = mapped(all[line - 1]);
  if (segments.length === 0) return undefined;
  let previous: MappedSegment | undefined;
  for (let l = line - 2; l >= 0 && !previous; l--) previous = mapped(all[l]).at(-1);
  const continues = (seg: MappedSegment): boolean =>
    previous !== undefined &&
    seg[1] === previous[1] &&
    seg[2] === previous[2] &&
    seg[3] === previous[3];
  const seg = segments.find((s) => !continues(s)) ?? segments[0];
  const source = map.resolvedSources[seg[1]] ?? map.sources[seg[1]];
  return source === null || source === undefined
    ? undefined
    : { file: toPath(source), line: seg[2] + 1 };
}

/** A name the source map should replace: empty, anonymous, or minifier-short (`a`, `Xe`). */
function replaceableName(name: string): boolean {
  return name === '' || name === '(anonymous)' || name.length <= 2;
}

/**
 * A new model whose frames and line ticks point at original sources where a map covers them.
 * Frames without a map are kept as they are; the input model is not touched.
 */
export function applySourceMaps(model: ProfileModel, lookup: SourceMapLookup): ProfileModel {
  // Most profiles have no maps at all: then the model is already the answer, and rebuilding it
  // sample by sample cost more than importing it (3 s of a 94 MB profile's report).
  const anyMap = model.frames.some(
    (f) => f.file !== undefined && f.line !== undefined && lookup(f.file) !== undefined,
  );
  if (!anyMap && !model.lineTicks.some((t) => t.file !== undefined && lookup(t.file) !== undefined))
    return model;
  const b = new ProfileBuilder(model.weightUnit);
  // Each frame's position after mapping: where its function starts, for the line ticks below.
  const starts: { file?: string; line?: number }[] = [];
  const frameMap = model.frames.map((f: ProfileFrame) => {
    const map = f.file !== undefined && f.line !== undefined ? lookup(f.file) : undefined;
    const o = map ? original(map, f.line!, (f.column ?? 1) - 1) : undefined;
    starts.push(o ? { file: o.file, line: o.line } : { file: f.file, line: f.line });
    if (!o) return b.frame(f);
    const mapped = replaceableName(f.name)
      ? (o.name ?? nameBefore(map!, f.line!, (f.column ?? 1) - 1))
      : undefined;
    const name = mapped ?? f.name;
    return b.frame({
      name,
      file: o.file,
      line: o.line,
      column: o.column,
      ...(f.native ? { native: f.native } : {}),
    });
  });
  // Keep the generated position on the new frames (builder frames are plain objects we own).
  const { parentOf, frameOf } = model.stacks;
  const nodeMap = new Int32Array(frameOf.length);
  for (let i = 0; i < frameOf.length; i++) {
    const p = parentOf[i];
    nodeMap[i] = b.node(p >= 0 ? nodeMap[p] : -1, frameMap[frameOf[i]]);
  }
  // The weights are already valid (finite, non-negative) and immutable: shared, not copied.
  const stacks = new Int32Array(model.sampleStack.length);
  for (let i = 0; i < stacks.length; i++) stacks[i] = nodeMap[model.sampleStack[i]];
  const { values, divisor } = model.sampleWeight;
  b.adoptCompactedSamples(stacks, values, stacks.length, model.totalWeight, divisor);
  for (const t of model.lineTicks) {
    const file = t.file ?? model.frames[frameOf[t.node]]?.file;
    const map = file ? lookup(file) : undefined;
    if (!map) {
      b.addLineTicks(nodeMap[t.node], t.line, t.ticks, file);
      continue;
    }
    const o = tickSource(map, t.line);
    const fn = starts[frameOf[t.node]];
    // A tick mapped into another file, or above its function's first line, is a mapping of
    // something around the code (a bracket, whitespace), not of a line of the function: dropped.
    if (o && (fn.file === undefined || (o.file === fn.file && o.line >= (fn.line ?? 1))))
      b.addLineTicks(nodeMap[t.node], o.line, t.ticks, o.file);
  }
  for (const d of model.diagnostics) b.warn(d);
  const built = b.build({
    format: model.format,
    name: model.name,
    ...(model.source !== undefined ? { source: model.source } : {}),
    ...(model.pid !== undefined ? { pid: model.pid } : {}),
    ...(model.command !== undefined ? { command: model.command } : {}),
    ...(model.startMs !== undefined ? { startMs: model.startMs } : {}),
    ...(model.endMs !== undefined ? { endMs: model.endMs } : {}),
    ...(model.weightLabel !== undefined ? { weightLabel: model.weightLabel } : {}),
    // The same records in the same order: what they count carries over.
    ...(model.evented ? { evented: true as const } : {}),
    ...(model.uncounted ? { uncounted: true as const } : {}),
    ...(model.sampleCounts ? { sampleCounts: model.sampleCounts } : {}),
  });
  // Record where each mapped frame came from (first generated frame wins when several merge).
  const frames = built.frames.map((f) => ({ ...f }));
  model.frames.forEach((g, i) => {
    const nf = frames[frameMap[i]];
    if (!nf.generated && (g.file !== nf.file || g.line !== nf.line) && g.file !== undefined) {
      (nf as { generated?: ProfileFrame['generated'] }).generated = {
        file: g.file,
        ...(g.line ? { line: g.line } : {}),
        ...(g.column ? { column: g.column } : {}),
      };
    }
  });
  return { ...built, frames };
}
